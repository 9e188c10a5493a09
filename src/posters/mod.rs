//! QR posters for residential areas (SPEC §7). The codes alphabet is shared with `build`, which
//! checks the ledger.

/// Characters of a `/q/` code: uppercase letters and digits without look-alikes (no 0/O, 1/I/L),
/// all inside QR alphanumeric mode.
pub const CODE_ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
