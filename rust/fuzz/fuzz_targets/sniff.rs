#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| adphoto_fuzz::sniff_only(data));
