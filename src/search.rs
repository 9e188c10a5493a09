//! Search index for `/tim-kiem/` (SPEC §6). Placeholder until the Pagefind index lands: the
//! search page links to the document and service lists, which work without JavaScript.

use crate::diag::Diagnostics;
use crate::render::OutFile;
use crate::resolve::SiteModel;

pub fn index(_model: &SiteModel, _pages: &[OutFile], _diags: &mut Diagnostics) -> Vec<OutFile> {
    Vec::new()
}
