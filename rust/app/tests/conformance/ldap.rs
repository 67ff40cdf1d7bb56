//! LDAP over LDAPS with each server's own CA: OpenLDAP (inetOrgPerson users,
//! `entryUUID` keys) and the Samba AD DC (Active Directory users, `objectGUID` keys).

use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_core::secret::Secret;
use adphoto_ldap::{LdapDirectory, LdapOptions};
use adphoto_testkit::openldap::OpenLdap;
use adphoto_testkit::samba::Samba;
use base64::Engine;

use crate::suite::{portrait, Fixture, Person};

enum Server {
    OpenLdap(&'static OpenLdap),
    Samba(&'static Samba),
}

pub struct Ldap {
    server: Server,
    ou: String,
    dns: Vec<String>,
    people: Vec<Person>,
}

impl Ldap {
    pub fn openldap(case: &str) -> Ldap {
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
            server: Server::OpenLdap(server),
            ou,
            dns,
            people,
        }
    }

    pub fn samba(case: &str) -> Ldap {
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
        Ldap {
            server: Server::Samba(server),
            ou,
            dns,
            people,
        }
    }
}

impl Fixture for Ldap {
    fn open(&self) -> Box<dyn Directory> {
        adphoto_testkit::own_data_folder();
        let (url, ca, admin, password) = match self.server {
            Server::OpenLdap(s) => (&s.ldaps_url, &s.ca_cert, &s.admin_dn, s.password()),
            Server::Samba(s) => (&s.ldaps_url, &s.ca_cert, &s.admin_dn, s.password()),
        };
        let mut options = LdapOptions::new(url.clone());
        options.ca_cert = Some(ca.clone());
        options.bind = Some(admin.clone());
        options.password = Some(Secret::new(password));
        options.search_base = Some(self.ou.clone());
        Box::new(LdapDirectory::connect(options, &Cancel::default()).expect("connect over LDAPS"))
    }

    fn pattern(&self) -> String {
        match self.server {
            Server::OpenLdap(_) => "{uid}".into(),
            Server::Samba(_) => "{sAMAccountName}".into(),
        }
    }

    fn people(&self) -> &[Person] {
        &self.people
    }

    fn stored(&self, person: &Person) -> Option<Vec<u8>> {
        let i = self.people.iter().position(|p| p.identity == person.identity)?;
        let values = match self.server {
            Server::OpenLdap(s) => s.values(&self.dns[i], "thumbnailPhoto"),
            Server::Samba(s) => s.values(&self.dns[i], "thumbnailPhoto"),
        };
        values.into_iter().next()
    }
}

mod openldap {
    crate::conformance!(super::Ldap::openldap);
}

mod samba {
    crate::conformance!(super::Ldap::samba);
}
