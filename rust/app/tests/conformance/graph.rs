//! Microsoft Graph, against the local server that behaves like it (tokens, paging,
//! photo reads and uploads, its errors).

use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_core::secret::Secret;
use adphoto_fakes::graph::config::{GraphConfig, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use adphoto_fakes::graph::{self, GraphServer};
use adphoto_graph::{GraphDirectory, GraphOptions};
use base64::Engine;
use serde_json::{json, Value};

use crate::suite::{portrait, Fixture, Person};

pub struct Graph {
    server: GraphServer,
    people: Vec<Person>,
}

impl Graph {
    pub fn new(case: &str) -> Graph {
        let server = graph::spawn(GraphConfig::default(), 0).expect("start the Graph server");
        let original = portrait(13);
        let people: Vec<Person> = (0..3)
            .map(|i| Person {
                identity: format!("{case}{i}@contoso.com"),
                stem: format!("E-{case}-{i}"),
                photo: (i == 0).then(|| original.clone()),
            })
            .collect();
        let users: Vec<Value> = people
            .iter()
            .map(|p| {
                let mut u = json!({"userPrincipalName": p.identity, "mail": p.identity,
                                   "givenName": "Conformance", "surname": p.stem, "employeeId": p.stem});
                if let Some(photo) = &p.photo {
                    u["photo"] = json!(base64::engine::general_purpose::STANDARD.encode(photo));
                }
                u
            })
            .collect();
        graph::seed(&server.state, Value::Array(users)).expect("seed users");
        Graph { server, people }
    }

    fn options(&self) -> GraphOptions {
        let mut o = GraphOptions::new("contoso.onmicrosoft.com", DEFAULT_CLIENT_ID);
        o.client_secret = Some(Secret::new(DEFAULT_CLIENT_SECRET));
        o.login_url = Some(self.server.url());
        o.graph_url = Some(self.server.url());
        o
    }
}

impl Fixture for Graph {
    fn open(&self) -> Box<dyn Directory> {
        adphoto_testkit::own_data_folder();
        Box::new(GraphDirectory::connect(self.options(), &Cancel::default()).expect("sign in to Graph"))
    }

    fn pattern(&self) -> String {
        "{employeeId}".into()
    }

    fn people(&self) -> &[Person] {
        &self.people
    }

    fn stored(&self, person: &Person) -> Option<Vec<u8>> {
        let g = self.server.state.lock();
        let i = g.users.find(&person.identity)?;
        g.users.get(i).photo.as_ref().map(|p| p.bytes.to_vec())
    }
}

crate::conformance!(Graph::new);

/// Graph refuses every photo read (403, as for a user whose mailbox the app may not
/// read): the user who has a photo keeps it.
#[test]
fn an_unreadable_photo_is_never_replaced() {
    let f = Graph::new("unreadable");
    {
        let mut g = f.server.state.lock();
        let patch = json!({"faults": [{"kind": "forbidden", "every": 1, "scope": "photo_read"}]});
        let config = adphoto_fakes::common::patch::merge(&g.config, &patch).unwrap();
        g.apply_config(config).unwrap();
    }
    crate::suite::an_unreadable_photo_is_never_replaced(&f, f.open());
}
