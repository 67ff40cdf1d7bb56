//! The Samba AD DC (Active Directory users, `objectGUID` keys), over LDAPS.

use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_core::secret::Secret;
use adphoto_ldap::{LdapDirectory, LdapOptions};
use adphoto_testkit::samba::Samba;
use base64::Engine;

use crate::suite::{portrait, Fixture, Person};

pub struct Ad {
    server: &'static Samba,
    ou: String,
    dns: Vec<String>,
    people: Vec<Person>,
}

impl Ad {
    pub fn new(case: &str) -> Ad {
        let server = Samba::shared();
        let ou = server.test_ou(&format!("cf-{case}"));
        let original = portrait(12);
        let mut dns = Vec::new();
        let mut people = Vec::new();
        for i in 0..3 {
            let sam = format!("cf{case}{i}");
            let dn = server.add_user(&ou, &sam, "Conformance", &sam, "Passw0rd!Passw0rd", true);
            let photo = (i == 0).then(|| original.clone());
            if let Some(p) = &photo {
                let b64 = base64::engine::general_purpose::STANDARD.encode(p);
                server.modify(&format!(
                    "dn: {dn}\nchangetype: modify\nreplace: thumbnailPhoto\nthumbnailPhoto:: {b64}\n"
                ));
            }
            dns.push(dn);
            people.push(Person {
                identity: sam.clone(),
                stem: sam,
                photo,
            });
        }
        Ad {
            server,
            ou,
            dns,
            people,
        }
    }
}

impl Fixture for Ad {
    fn open(&self) -> Box<dyn Directory> {
        let mut options = LdapOptions::new(self.server.ldaps_url.clone());
        options.ca_cert = Some(self.server.ca_cert.clone());
        options.bind = Some(self.server.admin_dn.clone());
        options.password = Some(Secret::new(self.server.password()));
        options.search_base = Some(self.ou.clone());
        Box::new(LdapDirectory::connect(options, &Cancel::default()).expect("connect to Samba"))
    }

    fn pattern(&self) -> String {
        "{sAMAccountName}".into()
    }

    fn people(&self) -> &[Person] {
        &self.people
    }

    fn stored(&self, person: &Person) -> Option<Vec<u8>> {
        let i = self.people.iter().position(|p| p.identity == person.identity)?;
        self.server.values(&self.dns[i], "thumbnailPhoto").into_iter().next()
    }
}

crate::conformance!(Ad::new);
