#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| adphoto_fuzz::convert(&adphoto_fuzz::as_other_format(data), 96));
