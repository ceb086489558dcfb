//! Any bytes as a bare CFF font program whose built-in encoding is read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gongkai_pdf::fuzzing::cff(data);
});
