//! `courtwatch courts`: the courts a hearing may name — the shipped list and those monitors
//! added — and adding one that is not shipped (DESIGN.md §2, "Courts").

use clap::{Args, Subcommand};
use serde::Serialize;

use super::{Context, Format, Out};
use crate::error::{Error, Result};
use crate::spec::{Court, Spec, Text};
use crate::store::NewCourt;

#[derive(Debug, Args)]
pub struct CourtsArgs {
    #[command(subcommand)]
    pub action: Option<CourtsAction>,
    /// Output format of the list
    #[arg(long, value_enum, default_value_t, global = true)]
    pub format: Format,
    /// Only the courts monitors added
    #[arg(long, global = true)]
    pub added: bool,
}

#[derive(Debug, Subcommand)]
pub enum CourtsAction {
    /// Every court a hearing may name (the default): code, name, level, region, country, and
    /// who added it
    List,
    /// Add a court that is not in the shipped list; prints its code. It travels in batches.
    Add {
        /// The name in English
        #[arg(long, default_value = "")]
        name_en: String,
        /// The name in Russian
        #[arg(long, default_value = "")]
        name_ru: String,
        /// The name in Tajik
        #[arg(long, default_value = "")]
        name_tg: String,
        /// The level: a code of the court_level list (e.g. district_city, regional)
        #[arg(long)]
        level: String,
        /// The region: a code of the region list (dushanbe, sughd, khatlon, gbao, drs)
        #[arg(long, default_value = "")]
        region: String,
        /// The country, for a court outside Tajikistan
        #[arg(long, default_value = "")]
        country: String,
    },
}

#[derive(Debug, Serialize)]
struct Line<'a> {
    code: &'a str,
    name: &'a str,
    level: &'a str,
    region: &'a str,
    country: &'a str,
    added_by: &'a str,
    added_at: &'a str,
}

fn line<'a>(spec: &'a Spec, c: &'a Court, lang: crate::spec::Lang) -> Line<'a> {
    let (by, at) = c
        .added
        .as_ref()
        .map_or(("", ""), |a| (a.by.as_str(), a.at.as_str()));
    Line {
        code: &c.code,
        name: c.name.get(lang),
        level: spec.code_label("court_level", &c.level, lang),
        region: if c.region.is_empty() {
            ""
        } else {
            spec.code_label("region", &c.region, lang)
        },
        country: &c.country,
        added_by: by,
        added_at: at,
    }
}

pub fn run(ctx: &Context, a: CourtsArgs, out: &mut Out) -> Result<()> {
    match a.action {
        Some(CourtsAction::Add {
            name_en,
            name_ru,
            name_tg,
            level,
            region,
            country,
        }) => {
            if ctx.read_only {
                return Err(Error::Invalid(
                    "--read-only was given; a court cannot be added".into(),
                ));
            }
            let mut store = ctx.open()?;
            let court = store.add_court(&NewCourt {
                name: Text {
                    en: name_en,
                    ru: name_ru,
                    tg: name_tg,
                },
                level,
                region,
                country,
            })?;
            out.line(&court.code)
        }
        Some(CourtsAction::List) | None => {
            let store = ctx.open()?;
            let spec = store.spec();
            let lines: Vec<Line<'_>> = spec
                .courts
                .iter()
                .filter(|c| !a.added || c.is_user())
                .map(|c| line(spec, c, ctx.lang))
                .collect();
            match a.format {
                Format::Json => out.json(&lines),
                f => {
                    let headers = [
                        "code", "name", "level", "region", "country", "added_by", "added_at",
                    ];
                    let rows: Vec<Vec<String>> = lines
                        .iter()
                        .map(|l| {
                            [
                                l.code, l.name, l.level, l.region, l.country, l.added_by,
                                l.added_at,
                            ]
                            .map(str::to_owned)
                            .to_vec()
                        })
                        .collect();
                    if f == Format::Csv {
                        out.csv(&headers, &rows)
                    } else {
                        out.table(&headers, &rows)
                    }
                }
            }
        }
    }
}
