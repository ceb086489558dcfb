//! Any bytes as an embedded CMap program (`/ToUnicode` or an encoding CMap), then every
//! code read from the same bytes looked up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gongkai_pdf::fuzzing::cmap(data);
});
