//! The in-memory directory the use cases' unit tests run on.

use adphoto_core::directory::{Directory, MemoryDirectory, MemoryFault, MemoryUser};
use adphoto_core::photo::Preset;

use crate::suite::{portrait, Fixture, Person};

pub struct Memory {
    dir: MemoryDirectory,
    people: Vec<Person>,
}

impl Memory {
    pub fn new(case: &str) -> Memory {
        let dir = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
        let people: Vec<Person> = (0..3)
            .map(|i| Person {
                identity: format!("{case}{i}"),
                stem: format!("{case}{i}"),
                photo: (i == 0).then(|| portrait(i)),
            })
            .collect();
        for p in &people {
            let mut user = MemoryUser::new(&p.identity).with("mail", &format!("{}@school.org", p.identity));
            if let Some(photo) = &p.photo {
                user = user.with_photo(photo);
            }
            dir.add(user);
        }
        Memory { dir, people }
    }
}

impl Fixture for Memory {
    fn open(&self) -> Box<dyn Directory> {
        Box::new(self.dir.clone())
    }

    fn pattern(&self) -> String {
        "{sAMAccountName}".into()
    }

    fn people(&self) -> &[Person] {
        &self.people
    }

    fn stored(&self, person: &Person) -> Option<Vec<u8>> {
        self.dir.photo_of(&person.identity).into_iter().next()
    }
}

crate::conformance!(Memory::new);

#[test]
fn an_unreadable_photo_is_never_replaced() {
    let f = Memory::new("unreadable");
    f.dir.fault(MemoryFault::UnreadablePhoto(f.people[0].identity.clone()));
    crate::suite::an_unreadable_photo_is_never_replaced(&f, f.open());
}
