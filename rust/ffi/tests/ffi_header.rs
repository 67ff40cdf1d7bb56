//! The committed C header is exactly what cbindgen makes of the ffi crate today (the
//! only crate it reads). When the ABI changes, regenerate it:
//! `ADPHOTO_BLESS=1 cargo test -p adphoto-ffi --test ffi_header`.

use std::path::Path;

#[test]
fn committed_header_is_current() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen can read the ffi crate")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("UTF-8 header");
    let path = crate_dir.join("../include/adphoto.h");
    if std::env::var_os("ADPHOTO_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write include/adphoto.h");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "rust/include/adphoto.h is stale: regenerate it with `ADPHOTO_BLESS=1 cargo test -p adphoto-ffi --test ffi_header` and commit it"
    );
    for name in [
        "adphoto_abi_version",
        "adphoto_version",
        "adphoto_last_error",
        "adphoto_free",
        "adphoto_convert",
        "adphoto_job_start",
        "adphoto_job_next",
        "adphoto_job_apply",
        "adphoto_job_cancel",
        "adphoto_job_free",
    ] {
        assert!(generated.contains(&format!("{name}(")), "the header lacks {name}");
    }
    let define = format!("#define ADPHOTO_ABI_VERSION {}", adphoto::ffi::ADPHOTO_ABI_VERSION);
    assert!(
        generated.contains(&define),
        "cbindgen.toml's after_includes must say `{define}`"
    );
}
