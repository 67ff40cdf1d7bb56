//! OpenLDAP (inetOrgPerson users, `entryUUID` keys), over LDAPS with its own CA.

use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_core::secret::Secret;
use adphoto_ldap::{LdapDirectory, LdapOptions};
use adphoto_testkit::openldap::OpenLdap;

use crate::suite::{portrait, Fixture, Person};

pub struct Ldap {
    server: &'static OpenLdap,
    ou: String,
    dns: Vec<String>,
    people: Vec<Person>,
}

impl Ldap {
    pub fn new(case: &str) -> Ldap {
        let server = OpenLdap::shared();
        let ou = server.test_ou(&format!("conformance-{case}"));
        let prefix = format!("cf{case}");
        let original = portrait(11);
        let mut dns = server.add_users(&ou, &prefix, 1, Some(&original));
        dns.extend(server.add_users(&ou, &format!("{prefix}x"), 2, None));
        let names = [format!("{prefix}0"), format!("{prefix}x0"), format!("{prefix}x1")];
        let people = names
            .iter()
            .enumerate()
            .map(|(i, n)| Person {
                identity: n.clone(),
                stem: n.clone(),
                photo: (i == 0).then(|| original.clone()),
            })
            .collect();
        Ldap {
            server,
            ou,
            dns,
            people,
        }
    }
}

impl Fixture for Ldap {
    fn open(&self) -> Box<dyn Directory> {
        let mut options = LdapOptions::new(self.server.ldaps_url.clone());
        options.ca_cert = Some(self.server.ca_cert.clone());
        options.bind = Some(self.server.admin_dn.clone());
        options.password = Some(Secret::new(self.server.password()));
        options.search_base = Some(self.ou.clone());
        Box::new(LdapDirectory::connect(options, &Cancel::default()).expect("connect to OpenLDAP"))
    }

    fn pattern(&self) -> String {
        "{uid}".into()
    }

    fn people(&self) -> &[Person] {
        &self.people
    }

    fn stored(&self, person: &Person) -> Option<Vec<u8>> {
        let i = self.people.iter().position(|p| p.identity == person.identity)?;
        self.server.values(&self.dns[i], "thumbnailPhoto").into_iter().next()
    }
}

crate::conformance!(Ldap::new);
