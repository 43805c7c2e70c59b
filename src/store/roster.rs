//! This database's own keys and the roster of others' public keys (migration 0009). Keys are
//! made on demand: the signing key at the first export or `keys show`, the age identity when
//! a lead asks for a recipient to hand out.

use rusqlite::OptionalExtension;

use super::Store;
use crate::error::{Error, Result};
use crate::keys::{AgeIdentity, KeyKind, PublicKey, SigningKey};

/// A public key in the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub key: PublicKey,
    pub fingerprint: String,
    pub label: String,
    pub added_at: String,
    /// `keys_add`, or `merge` when a lead trusted it at a merge.
    pub added_how: String,
}

impl Store {
    fn own_secret(&self, kind: &str) -> Result<Option<zeroize::Zeroizing<String>>> {
        self.conn()
            .query_row("SELECT secret FROM own_keys WHERE kind = ?1", [kind], |r| {
                r.get::<_, String>(0)
            })
            .optional()
            .map(|s| s.map(zeroize::Zeroizing::new))
            .map_err(|e| self.explain(e))
    }

    fn put_own(&self, kind: &str, secret: &str, public: &str) -> Result<()> {
        if self.is_read_only() {
            return Err(Error::ReadOnly);
        }
        self.conn()
            .execute(
                "INSERT INTO own_keys (kind, secret, public, created_at) VALUES (?1, ?2, ?3, ?4)",
                (kind, secret, public, self.now_text()),
            )
            .map_err(|e| self.explain(e))?;
        Ok(())
    }

    /// This database's signing key, if it has one.
    pub fn signing_key(&self) -> Result<Option<SigningKey>> {
        self.own_secret("signing")?
            .map(|s| SigningKey::from_secret_text(&s))
            .transpose()
    }

    /// This database's signing key, made now if it has none.
    pub fn signing_key_or_make(&self) -> Result<SigningKey> {
        if let Some(k) = self.signing_key()? {
            return Ok(k);
        }
        let k = SigningKey::generate()?;
        self.put_own("signing", &k.secret_text()?, &k.public_text())?;
        Ok(k)
    }

    /// Gives a database that has no signing key yet this one (the golden files' fixed key).
    pub fn adopt_signing_key(&self, key: &SigningKey) -> Result<()> {
        if self.signing_key()?.is_some() {
            return Err(Error::Invalid(
                "this database has a signing key already".into(),
            ));
        }
        self.put_own("signing", &key.secret_text()?, &key.public_text())
    }

    /// This database's age identity (a lead's), if it has one.
    pub(crate) fn age_identity(&self) -> Result<Option<AgeIdentity>> {
        self.own_secret("age")?
            .map(|s| AgeIdentity::from_secret_text(&s))
            .transpose()
    }

    /// This database's age identity, made now if it has none.
    pub fn age_identity_or_make(&self) -> Result<AgeIdentity> {
        if let Some(k) = self.age_identity()? {
            return Ok(k);
        }
        let k = AgeIdentity::generate();
        self.put_own("age", &k.secret_text(), &k.recipient())?;
        Ok(k)
    }

    /// Puts a public key in the roster; `false` when it was there already.
    pub fn roster_add(&self, key: &PublicKey, label: &str, how: &str) -> Result<bool> {
        if self.is_read_only() {
            return Err(Error::ReadOnly);
        }
        let n = self
            .conn()
            .execute(
                "INSERT INTO roster (public, kind, fingerprint, label, added_at, added_how)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(public) DO NOTHING",
                (
                    &key.text,
                    key.kind.code(),
                    key.fingerprint(),
                    label,
                    self.now_text(),
                    how,
                ),
            )
            .map_err(|e| self.explain(e))?;
        Ok(n == 1)
    }

    /// The roster, recipients first, then by when they were added.
    pub fn roster(&self) -> Result<Vec<RosterEntry>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT public, kind, fingerprint, label, added_at, added_how FROM roster
                 ORDER BY kind, added_at, public",
            )
            .map_err(|e| self.explain(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.explain(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.explain(e))? {
            let kind: String = r.get(1)?;
            let kind = KeyKind::parse(&kind).ok_or_else(|| {
                Error::Damaged(format!("unknown key kind {kind:?} in the roster"))
            })?;
            out.push(RosterEntry {
                key: PublicKey {
                    kind,
                    text: r.get(0)?,
                },
                fingerprint: r.get(2)?,
                label: r.get(3)?,
                added_at: r.get(4)?,
                added_how: r.get(5)?,
            });
        }
        Ok(out)
    }

    /// The roster's age recipients: every sealed export is encrypted to all of them.
    pub fn recipients(&self) -> Result<Vec<String>> {
        Ok(self
            .roster()?
            .into_iter()
            .filter(|e| e.key.kind == KeyKind::Recipient)
            .map(|e| e.key.text)
            .collect())
    }

    /// Whether batches signed by `public` are trusted here: it is in the roster as a signer,
    /// or it is this database's own signing key.
    pub(crate) fn trusts_signer(&self, public: &str) -> Result<bool> {
        let listed: Option<i64> = self
            .conn()
            .query_row(
                "SELECT 1 FROM roster WHERE public = ?1 AND kind = 'signer'",
                [public],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.explain(e))?;
        if listed.is_some() {
            return Ok(true);
        }
        let own: Option<i64> = self
            .conn()
            .query_row(
                "SELECT 1 FROM own_keys WHERE kind = 'signing' AND public = ?1",
                [public],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.explain(e))?;
        Ok(own.is_some())
    }

    /// Removes the roster entries whose fingerprint is `fingerprint` (dashes and case do not
    /// matter); the entries removed.
    pub(crate) fn roster_remove(&self, fingerprint: &str) -> Result<Vec<RosterEntry>> {
        if self.is_read_only() {
            return Err(Error::ReadOnly);
        }
        let want = crate::keys::normalise_fingerprint(fingerprint);
        let gone: Vec<RosterEntry> = self
            .roster()?
            .into_iter()
            .filter(|e| {
                !want.is_empty() && crate::keys::normalise_fingerprint(&e.fingerprint) == want
            })
            .collect();
        for e in &gone {
            self.conn()
                .execute("DELETE FROM roster WHERE public = ?1", [&e.key.text])
                .map_err(|e| self.explain(e))?;
        }
        Ok(gone)
    }

    /// Records which signing key vouched for a batch merged in `tx`.
    pub(crate) fn record_signer(
        &self,
        tx: &rusqlite::Transaction<'_>,
        batch_id: uuid::Uuid,
        signer: Option<&str>,
    ) -> Result<()> {
        tx.execute(
            "UPDATE batches_in SET signer = ?1 WHERE batch_id = ?2",
            (signer, batch_id.to_string()),
        )
        .map_err(|e| self.explain(e))?;
        Ok(())
    }

    /// The signer a batch id was merged from before, when it was merged (`Some(None)`: merged
    /// unsigned).
    pub(crate) fn merged_signer(&self, batch_id: &str) -> Result<Option<Option<String>>> {
        self.conn()
            .query_row(
                "SELECT signer FROM batches_in WHERE batch_id = ?1",
                [batch_id],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()
            .map_err(|e| self.explain(e))
    }
}
