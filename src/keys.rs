//! Keys for sealed batches (DESIGN.md §4 "Sealed batches"): this database's signing key
//! (Ed25519 in minisign's format) and age X25519 identity, the public keys of others a roster
//! holds, and the short fingerprints people compare aloud before trusting a key.
//!
//! Secrets live only inside the encrypted database (`store::roster`); here they are held in
//! memory that is wiped when dropped and never printed through `Debug`.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// What a public key in the roster is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// A lead's age X25519 recipient (`age1…`): batches are sealed to it.
    Recipient,
    /// A monitor's minisign public key (`RW…`): batches signed by it are trusted.
    Signer,
}

impl KeyKind {
    pub fn code(self) -> &'static str {
        match self {
            KeyKind::Recipient => "recipient",
            KeyKind::Signer => "signer",
        }
    }

    pub fn parse(s: &str) -> Option<KeyKind> {
        match s {
            "recipient" => Some(KeyKind::Recipient),
            "signer" => Some(KeyKind::Signer),
            _ => None,
        }
    }

    /// In words, for messages.
    pub fn words(self) -> &'static str {
        match self {
            KeyKind::Recipient => "age recipient (batches are sealed to it)",
            KeyKind::Signer => "minisign signing key (batches it signed are trusted)",
        }
    }
}

/// A public key as the tools write it: `age1…` or minisign's base64 `RW…`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublicKey {
    pub kind: KeyKind,
    pub text: String,
}

impl PublicKey {
    /// Reads one line as a public key of either kind; `None` when it is neither.
    pub fn parse(line: &str) -> Option<PublicKey> {
        let line = line.trim();
        if line.starts_with("age1") {
            return age::x25519::Recipient::from_str(line)
                .ok()
                .map(|r| PublicKey {
                    kind: KeyKind::Recipient,
                    text: r.to_string(),
                });
        }
        minisign::PublicKey::from_base64(line)
            .ok()
            .map(|k| PublicKey {
                kind: KeyKind::Signer,
                text: k.to_base64(),
            })
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.text)
    }
}

/// A short fingerprint of a public key's text, to read aloud and compare on two screens:
/// the first 80 bits of its SHA-256 in five groups of four hexadecimal digits.
pub fn fingerprint(public: &str) -> String {
    let hex = crate::domain::sha256_hex(public.trim().as_bytes()).to_ascii_uppercase();
    hex.as_bytes()[..20]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A fingerprint as typed: case and dashes or spaces do not matter.
pub(crate) fn normalise_fingerprint(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The public keys a file holds: lines of `courtwatch keys show`, an age recipient file
/// (`age1…`, `#` comments), `age-keygen`'s output (its `# public key: age1…` line; the secret
/// key in it is refused), or a minisign `.pub` file. At least one key, or an error saying why.
pub(crate) fn parse_key_file(text: &str) -> Result<Vec<PublicKey>> {
    if text.contains("AGE-SECRET-KEY-") || text.contains("secret key") {
        return Err(Error::Invalid(
            "this file holds a secret key; give only the public key (`age1…`, or minisign's `.pub` file), and keep the secret one where it was".into(),
        ));
    }
    let mut keys: Vec<PublicKey> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let candidate = line
            .strip_prefix("# public key:")
            .map(str::trim)
            .unwrap_or(line);
        if candidate.is_empty()
            || candidate.starts_with('#')
            || candidate.starts_with("untrusted comment:")
        {
            continue;
        }
        match PublicKey::parse(candidate) {
            Some(k) => {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            None => {
                return Err(Error::Invalid(format!(
                    "the line {:?} is neither an age recipient (age1…) nor a minisign public key (RW…)",
                    crate::exchange::printable(&truncate(candidate, 80))
                )));
            }
        }
    }
    if keys.is_empty() {
        return Err(Error::Invalid(
            "this file holds no public key: expected an age recipient (age1…) or a minisign public key (RW…)".into(),
        ));
    }
    Ok(keys)
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// This database's signing key: a minisign secret key (unencrypted box; the database around
/// it is the encryption) and its public key.
pub struct SigningKey {
    secret: minisign::SecretKey,
    public: minisign::PublicKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({})", self.public_text())
    }
}

impl SigningKey {
    pub fn generate() -> Result<SigningKey> {
        let kp = minisign::KeyPair::generate_unencrypted_keypair()
            .map_err(|e| Error::Invalid(format!("cannot make a signing key: {e}")))?;
        Ok(SigningKey {
            secret: kp.sk,
            public: kp.pk,
        })
    }

    /// The secret key box as stored in the database.
    pub(crate) fn secret_text(&self) -> Result<Zeroizing<String>> {
        self.secret
            .to_box(None)
            .map(|b| Zeroizing::new(b.into_string()))
            .map_err(|e| Error::Invalid(format!("cannot store the signing key: {e}")))
    }

    pub fn from_secret_text(text: &str) -> Result<SigningKey> {
        let damaged = |e: minisign::PError| {
            Error::Damaged(format!("the stored signing key is unusable: {e}"))
        };
        let boxed = minisign::SecretKeyBox::from_string(text).map_err(damaged)?;
        let secret = boxed.into_unencrypted_secret_key().map_err(damaged)?;
        let public = minisign::PublicKey::from_secret_key(&secret).map_err(damaged)?;
        Ok(SigningKey { secret, public })
    }

    /// The public key as minisign's `-P` option takes it (`RW…`).
    pub fn public_text(&self) -> String {
        self.public.to_base64()
    }

    /// A minisign signature of `data`, with its trusted comment: the text of a `.minisig`
    /// file.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> Result<String> {
        minisign::sign(
            Some(&self.public),
            &self.secret,
            std::io::Cursor::new(data),
            Some(trusted_comment),
            Some("signature from courtwatch"),
        )
        .map(|b| b.into_string())
        .map_err(|e| Error::Invalid(format!("cannot sign: {e}")))
    }
}

/// Checks a `.minisig` text over `data` with the public key `public` (`RW…`); the trusted
/// comment when it holds, else why not, in words.
pub fn verify_signature(public: &str, signature: &str, data: &[u8]) -> Result<String, String> {
    let pk = minisign::PublicKey::from_base64(public.trim())
        .map_err(|_| "the signing key it names is not a minisign public key".to_owned())?;
    let sig = minisign::SignatureBox::from_string(signature)
        .map_err(|_| "is not a minisign signature".to_owned())?;
    if sig.keynum() != pk.keynum() {
        return Err("was made by another key than the one the manifest names".into());
    }
    minisign::verify(&pk, &sig, std::io::Cursor::new(data), true, false, false)
        .map_err(|_| "does not match: the manifest was changed after it was signed, or the signature belongs to another manifest".to_owned())?;
    sig.trusted_comment()
        .map_err(|_| "has no readable trusted comment".to_owned())
}

/// This database's age X25519 identity (a lead's): batches sealed to its recipient open here.
pub struct AgeIdentity(age::x25519::Identity);

impl std::fmt::Debug for AgeIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AgeIdentity({})", self.recipient())
    }
}

impl AgeIdentity {
    pub fn generate() -> AgeIdentity {
        AgeIdentity(age::x25519::Identity::generate())
    }

    pub(crate) fn secret_text(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.to_string().expose_secret().to_owned())
    }

    pub fn from_secret_text(text: &str) -> Result<AgeIdentity> {
        age::x25519::Identity::from_str(text.trim())
            .map(AgeIdentity)
            .map_err(|_| Error::Damaged("the stored age identity is unusable".into()))
    }

    /// The recipient (`age1…`) monitors seal batches to.
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    pub fn identity(&self) -> &age::x25519::Identity {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_short_stable_and_differ() {
        let a = fingerprint("age1abc");
        assert_eq!(a.len(), 24);
        assert_eq!(a, fingerprint(" age1abc\n"));
        assert_ne!(a, fingerprint("age1abd"));
        assert_eq!(normalise_fingerprint(&a.to_lowercase()).len(), 20);
    }

    #[test]
    fn key_files_of_both_tools_are_read_and_secrets_refused() {
        let id = AgeIdentity::generate();
        let sk = SigningKey::generate().unwrap();
        let keygen = format!(
            "# created: 2026-12-07T10:00:00Z\n# public key: {}\n",
            id.recipient()
        );
        let keys = parse_key_file(&keygen).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].kind, KeyKind::Recipient);
        let pubfile = format!(
            "untrusted comment: minisign public key 0011\n{}\n",
            sk.public_text()
        );
        let keys = parse_key_file(&pubfile).unwrap();
        assert_eq!(keys[0].kind, KeyKind::Signer);
        assert_eq!(keys[0].text, sk.public_text());
        let secret = format!("{}\n", id.secret_text().as_str());
        let err = parse_key_file(&secret).unwrap_err().to_string();
        assert!(err.contains("holds a secret key"), "{err}");
        let err = parse_key_file("hello\n").unwrap_err().to_string();
        assert!(err.contains("neither an age recipient"), "{err}");
    }

    #[test]
    fn signatures_check_data_key_and_comment() {
        let sk = SigningKey::generate().unwrap();
        let again = SigningKey::from_secret_text(&sk.secret_text().unwrap()).unwrap();
        assert_eq!(again.public_text(), sk.public_text());
        let sig = again.sign(b"manifest", "batch x").unwrap();
        assert_eq!(
            verify_signature(&sk.public_text(), &sig, b"manifest").unwrap(),
            "batch x"
        );
        let err = verify_signature(&sk.public_text(), &sig, b"manifesT").unwrap_err();
        assert!(err.contains("does not match"), "{err}");
        let other = SigningKey::generate().unwrap();
        let err = verify_signature(&other.public_text(), &sig, b"manifest").unwrap_err();
        assert!(err.contains("another key"), "{err}");
    }
}
