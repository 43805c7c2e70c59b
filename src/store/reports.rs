//! What reports read besides the figures: the names a report must not print, parties
//! without consent and judges (`publish::consent` checks every report for them).

use super::Store;
use crate::error::Result;

impl Store {
    /// Every party with a recorded full name whose latest consent record does not say yes to
    /// being named in reports (no record counts as no, and a withdrawal dated today or
    /// earlier turns a yes into a no).
    pub(crate) fn unconsented_names(&self) -> Result<Vec<String>> {
        let conn = &self.conn;
        let today = self.now().format("%Y-%m-%d").to_string();
        let mut names = Vec::new();
        let mut stmt = conn
            .prepare(
                "SELECT json_extract(p.data, '$.full_name'),
                        (SELECT json_extract(c.data, '$.consent_named_in_reports') = 'yes'
                                AND (coalesce(json_extract(c.data, '$.consent_withdrawn_at'), '') = ''
                                     OR json_extract(c.data, '$.consent_withdrawn_at') > ?1)
                           FROM consents c WHERE c.party_uuid = p.uuid
                           ORDER BY c.updated_at DESC, c.created_at DESC LIMIT 1)
                   FROM parties p
                  WHERE coalesce(json_extract(p.data, '$.full_name'), '') != ''",
            )
            .map_err(|e| self.explain(e))?;
        let rows = stmt
            .query_map([&today], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<bool>>(1)?))
            })
            .map_err(|e| self.explain(e))?;
        for row in rows {
            let (name, consented) = row.map_err(|e| self.explain(e))?;
            if consented != Some(true) {
                names.push(name);
            }
        }
        Ok(names)
    }

    /// Every judge the hearings name.
    pub(crate) fn judge_names(&self) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT judge FROM hearings WHERE coalesce(judge, '') != ''")
            .map_err(|e| self.explain(e))?;
        let judges = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.explain(e))?;
        for j in judges {
            names.push(j.map_err(|e| self.explain(e))?);
        }
        Ok(names)
    }
}
