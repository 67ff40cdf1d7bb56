//! Google Workspace's Directory API, against the local server that behaves like it
//! (service-account sign-in, users, photos, quotas).

use std::path::PathBuf;
use std::sync::OnceLock;

use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_fakes::google::config::GoogleConfig;
use adphoto_fakes::google::{self, service_account, GoogleServer};
use adphoto_google::{GoogleDirectory, GoogleOptions};
use adphoto_testkit::scratch;
use base64::Engine;
use serde_json::{json, Value};

use crate::suite::{portrait, Fixture, Person};

const ADMIN: &str = "admin@example.com";

/// One RSA key for every case: generating keys is the slow part of a fake domain.
fn key_template() -> &'static Value {
    static KEY: OnceLock<Value> = OnceLock::new();
    KEY.get_or_init(|| service_account::generate("http://unused/token", None, None).unwrap().0)
}

pub struct Google {
    server: GoogleServer,
    key_file: PathBuf,
    state: PathBuf,
    people: Vec<Person>,
}

impl Google {
    pub fn new(case: &str) -> Google {
        let server = google::spawn(GoogleConfig::default(), 0).expect("start the Google server");
        let mut key = key_template().clone();
        key["token_uri"] = json!(server.state.token_uri());
        let credential = service_account::credential_from_key_file(&key).unwrap();
        google::admin::trust(&server.state, credential).unwrap();
        let dir = scratch(&format!("conformance-google-{case}"));
        let key_file = dir.join("key.json");
        std::fs::write(&key_file, serde_json::to_vec(&key).unwrap()).unwrap();
        let original = portrait(14);
        let people: Vec<Person> = (0..3)
            .map(|i| Person {
                identity: format!("{case}{i}@example.com"),
                stem: format!("{case}{i}"),
                photo: (i == 0).then(|| original.clone()),
            })
            .collect();
        let users: Vec<Value> = people
            .iter()
            .map(|p| {
                let mut u = json!({"primaryEmail": p.identity, "givenName": "Conformance",
                                   "familyName": p.stem, "orgUnitPath": "/"});
                if let Some(photo) = &p.photo {
                    u["photo"] = json!(base64::engine::general_purpose::STANDARD.encode(photo));
                }
                u
            })
            .collect();
        google::seed(&server.state, Value::Array(users)).expect("seed users");
        Google {
            server,
            key_file,
            state: dir.join("state"),
            people,
        }
    }
}

impl Fixture for Google {
    fn open(&self) -> Box<dyn Directory> {
        adphoto_testkit::own_data_folder();
        let mut o = GoogleOptions::new(&self.key_file, ADMIN);
        o.api_url = Some(self.server.url());
        o.state_dir = Some(self.state.clone());
        Box::new(GoogleDirectory::connect(o, &Cancel::default()).expect("sign in to Google"))
    }

    fn pattern(&self) -> String {
        "{username}".into()
    }

    fn people(&self) -> &[Person] {
        &self.people
    }

    fn stored(&self, person: &Person) -> Option<Vec<u8>> {
        let g = self.server.state.lock();
        let u = g.users.get(g.users.find(&person.identity)?);
        u.admin_photo.as_ref().map(|p| p.bytes.to_vec())
    }
}

crate::conformance!(Google::new);
