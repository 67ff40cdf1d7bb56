//! The command line of `photo-bench`.

use std::path::{Path, PathBuf};

use crate::BenchResult;

pub const USAGE: &str = "\
usage: photo-bench [--photos N] [--faces] [--corpus DIR] [--out DIR] [--json FILE]
                   [--adphoto PATH] [--repetitions N]

  --photos N        corpus size (default 40)
  --faces           the second corpus: a real face at portrait scale, placed
                    differently in each photo (default: drawn portraits)
  --corpus DIR      where the generated photos are kept (default tests/bench/work/corpus,
                    or tests/bench/work/corpus-faces with --faces)
  --out DIR         where the tools write (default tests/bench/work/out)
  --json FILE       also write the results as JSON
  --adphoto PATH    the adphoto binary (default: next to this program)
  --repetitions N   runs per tool, best kept (default 2)";

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub photos: usize,
    pub kind: crate::corpus::Kind,
    pub corpus: PathBuf,
    pub out: PathBuf,
    pub json: Option<PathBuf>,
    pub adphoto: PathBuf,
    pub repetitions: usize,
}

/// The bench's own folder, so the defaults do not depend on where it is run from.
pub fn bench_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `None` when help was asked for.
pub fn parse(args: impl IntoIterator<Item = String>) -> BenchResult<Option<Options>> {
    let mut o = Options {
        photos: 40,
        kind: crate::corpus::Kind::Portraits,
        corpus: bench_dir().join("work/corpus"),
        out: bench_dir().join("work/out"),
        json: None,
        adphoto: default_adphoto(),
        repetitions: 2,
    };
    let mut corpus_given = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--photos" => o.photos = count(&arg, &value()?)?,
            "--corpus" => {
                o.corpus = PathBuf::from(value()?);
                corpus_given = true;
            }
            "--faces" => o.kind = crate::corpus::Kind::Faces,
            "--out" => o.out = PathBuf::from(value()?),
            "--json" => o.json = Some(PathBuf::from(value()?)),
            "--adphoto" => o.adphoto = PathBuf::from(value()?),
            "--repetitions" => o.repetitions = count(&arg, &value()?)?,
            _ => return Err(format!("unknown argument '{arg}'\n{USAGE}")),
        }
    }
    if o.kind == crate::corpus::Kind::Faces && !corpus_given {
        o.corpus = bench_dir().join("work/corpus-faces");
    }
    Ok(Some(o))
}

fn count(name: &str, value: &str) -> BenchResult<usize> {
    match value.parse() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{name} needs a whole number above 0, not '{value}'")),
    }
}

/// Cargo puts both binaries of a workspace in the same folder.
fn default_adphoto() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("adphoto")))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("adphoto"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_and_overrides() {
        let o = parse(args(&[])).unwrap().unwrap();
        assert_eq!((o.photos, o.repetitions, o.json), (40, 2, None));
        let o = parse(args(&["--photos", "12", "--json", "r.json", "--corpus", "c"]))
            .unwrap()
            .unwrap();
        assert_eq!(
            (o.photos, o.json, o.corpus),
            (12, Some(PathBuf::from("r.json")), PathBuf::from("c"))
        );
        assert!(parse(args(&["--help"])).unwrap().is_none());
    }

    #[test]
    fn refuses_nonsense() {
        assert!(parse(args(&["--photos", "0"])).is_err());
        assert!(parse(args(&["--photos"])).is_err());
        assert!(parse(args(&["--fast"])).is_err());
    }
}
