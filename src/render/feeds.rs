//! `feed.xml` (Atom) and `sitemap.xml`, written by hand with escaping: small, exact and valid.

use super::views::{DocSummary, SiteView};
use chrono::NaiveDate;

pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids never reach a feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Absolute URL of a page path that already carries the base path (`/pre/van-ban/x/`).
fn absolute(base_url: &str, base_path: &str, url: &str) -> String {
    let rest = url
        .strip_prefix(base_path)
        .unwrap_or(url.trim_start_matches('/'));
    format!("{base_url}{rest}")
}

pub fn sitemap(base_url: &str, pages: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&format!("{base_url}{}", p.trim_start_matches('/')))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `sitemap.xml` of a site whose addresses are in `parts` files `sitemap-1.xml` … (a sitemap
/// index, sitemaps.org).
pub fn sitemap_index(base_url: &str, parts: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for k in 1..=parts {
        out.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&format!("{base_url}sitemap-{k}.xml"))
        ));
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// The feed of the newest documents. Its date is the newest document's, never the build day: a
/// rebuild with nothing new must give the same file (SPEC §6).
pub fn atom(site: &SiteView, docs: &[DocSummary<'_>]) -> String {
    // With no dated document: the day Đề án 06 was approved (06/QĐ-TTg, 6 January 2022).
    let epoch = NaiveDate::from_ymd_opt(2022, 1, 6).expect("a real day");
    let updated = docs
        .iter()
        .filter_map(|d| d.date.as_ref())
        .next()
        .and_then(|d| NaiveDate::parse_from_str(d, "%d/%m/%Y").ok())
        .unwrap_or(epoch);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n",
    );
    out.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(&format!("Văn bản — {}", site.name))
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&site.base_url)));
    out.push_str(&format!(
        "  <link rel=\"alternate\" href=\"{}\"/>\n",
        xml_escape(&site.base_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        xml_escape(&site.base_url)
    ));
    out.push_str(&format!(
        "  <updated>{}T00:00:00+07:00</updated>\n",
        updated.format("%Y-%m-%d")
    ));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&site.issuer)
    ));
    for d in docs.iter().take(50) {
        let url = absolute(&site.base_url, &site.base_path, &d.url);
        let date = d
            .date
            .as_ref()
            .and_then(|x| NaiveDate::parse_from_str(x, "%d/%m/%Y").ok())
            .unwrap_or(updated);
        let title = d.full_title();
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(&title)));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" href=\"{}\"/>\n",
            xml_escape(&url)
        ));
        out.push_str(&format!(
            "    <updated>{}T00:00:00+07:00</updated>\n",
            date.format("%Y-%m-%d")
        ));
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml_escape(&format!("{}. Cơ quan ban hành: {}.", d.title, d.issuer))
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
