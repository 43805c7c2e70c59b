# courtwatch — interface strings (English). Every key exists in ru.ftl and tg.ftl too.

read-only = read-only
too-small = The terminal is too small. courtwatch needs at least { $width } columns and { $height } lines: enlarge the window or reduce the font size.

status-draft = draft
status-final = final
status-reviewed = reviewed

## First run and unlock
first-run-title = New database
first-run-intro = Welcome. Everything you record is kept in an encrypted database on this laptop. Enter your monitor code and name, then choose a passphrase.
first-run-code = Monitor code
first-run-name = Your name
first-run-org = Organisation
first-run-passphrase = Passphrase
first-run-repeat = Repeat passphrase
first-run-strength = Strength:
strength-weak = weak — use a longer phrase of several words
strength-fair = fair — a longer phrase would be safer
strength-strong = strong
first-run-warning = The passphrase cannot be recovered. If it is lost, the records in this database are lost too. Keep it in your memory, not on paper in the laptop bag.
first-run-need-profile = Enter your monitor code and your name.
first-run-too-short = The passphrase must have at least 8 characters.
first-run-mismatch = The two passphrases differ. Type the passphrase again.
unlock-title = Unlock
unlock-prompt = Passphrase:
unlock-wrong = Wrong passphrase. Try again.
lock-title = Locked
lock-hint = The screen is locked. Type the passphrase and press Enter.

## Hearing list
list-title = Hearings
list-date = Date
list-court = Court
list-case = Case
list-status = Status
list-flags = Flags
list-count = { $total ->
    [one] { $total } hearing
   *[other] { $total } hearings
}
list-empty = No hearings yet. Press n to record one.
list-empty-read-only = No hearings in this database.
list-lead-key-hint = Keys for sealed batches: ask your legal aid group's lead for the output of `courtwatch keys show --recipient` (a file), compare its fingerprint with the lead aloud, then run `courtwatch keys add FILE`. Give the lead your own signing key from `courtwatch keys show` the same way. Until then, batches are sealed with a passphrase (COURTWATCH_BATCH_PASSPHRASE).
list-no-match = No hearing matches the search or the filters.
list-searching = search:
list-search-prompt = Search:
list-flags-legend = A allegation · C closed · N no counsel · F follow-up

## Hearing
tab-details = Hearing
tab-people = People
tab-checklist = Checklist
tab-allegations = Allegations
tab-timeline = Timeline
hearing-new = new hearing
hearing-final-note = final record: changes are versioned and audited
hearing-finalised = The hearing is finalised.
hearing-problems = { $count ->
    [one] One thing must be fixed before finalising.
   *[other] { $count } things must be fixed before finalising.
}
problems-title = Fix before finalising — Enter jumps to the field
form-required = required
form-comment-required = a comment is required
form-invalid = not a valid value
form-not-applicable = answers a question this record does not ask; clear it
form-date-hint = date as YYYY-MM-DD, Ctrl-N today
form-time-hint = time as HH:MM, Ctrl-N now
form-number-hint = a number
form-choice-hint = Enter: choose from the list
picker-hint = Type to narrow the list: a label in any language, or a code.
key-pick = take the highlighted
key-pick-marked = take the marked (or the highlighted)
key-cancel = cancel
key-open-choices = open the choice list
key-close-unchanged = close, leave as it is
key-reason-save = give the reason and make the change
key-reason-cancel = do not make the change
reason-empty = Type the reason first: a final record is not changed without one.
reason-cancelled = Nothing was changed.
timeline-stamped = Stamped at { $time }; choose what happened, or Esc to name it later.
timeline-unnamed-hint = not named: type or ↓ to choose
key-quit-ask = quit (asks first)
quit-ask = Quit courtwatch? Everything typed is saved. y or Enter quits; n or Esc goes back.
error-read-only = The database is open read-only; this change was not made.
people-empty = Nobody recorded yet. Ctrl-A adds a defendant, Ctrl-V a victim, Ctrl-W a witness.
people-at-hearing = at this hearing
people-charge = charge
people-consent = consent
checklist-empty = No checklist items apply to this hearing.
checklist-comment = Comment
allegations-empty = No allegation recorded. Ctrl-A adds one when torture or ill-treatment is alleged in court.
allegation-followup = Follow-up
allegation-one = this allegation
allegation-who = Who made the allegation?
allegation-no-person = — not one of the people recorded
timeline-empty = No events yet. Ctrl-T stamps the current time from anywhere in the hearing.
timeline-time = Time
timeline-event = Event
timeline-note = Note
timeline-dialog = Event at
confirm-title = Please confirm
confirm-delete = Delete { $what }? This cannot be undone.
confirm-delete-event = Delete this event? This cannot be undone.
reason-title = Editing a final record
reason-prompt = This record is final. Say briefly why you are changing it (kept in the audit history), then press Enter.

## Help
help-title = Keys
help-this-screen = On this screen
help-everywhere = Everywhere
help-close = { $keys }: close this help.
help-scroll = { $keys }: more

## Keys
key-help = help
key-lock = lock
key-quit = quit
key-next-field = next field
key-prev-field = previous field
key-next-item = next item
key-prev-item = previous item
key-create = create
key-unlock = unlock
key-new-hearing = new hearing
key-open = open
key-search = search
key-apply-search = search
key-clear-search = clear search
key-up = up
key-down = down
key-page-up = page up
key-page-down = page down
key-first = first
key-last = last
key-language = language
key-tab-details = hearing
key-tab-people = people
key-tab-checklist = checklist
key-tab-allegations = allegations
key-tab-timeline = timeline
key-stamp = stamp event
key-finalise = finalise
key-back = back
key-stats-breakdown = breakdown
key-choose = choose
key-choose-next = choose / next field
key-clear-choice = clear
key-now = now
key-clear-text = clear the field (a narrative: the line)
key-delete-word = delete the word before the cursor
key-jump = go to field
key-close = close
key-yes = yes
key-no = no
key-save = save
key-add-defendant = add defendant
key-add-victim = add victim
key-add-witness = add witness
key-add-charge = add charge
key-add-consent = add consent
key-remove = remove
key-prev-person = previous person
key-next-person = next person
key-answer-yes = yes
key-answer-no = no
key-answer-partly = partly
key-answer-not-observed = not observed
key-answer-not-applicable = n/a
key-clear-answer = clear answer
key-comment = comment
key-comment-done = done
key-comment-next = done, next item
key-add-allegation = add allegation
key-add-followup = add follow-up
key-prev-allegation = previous
key-next-allegation = next
key-edit-event = correct
key-delete-event = delete

## Settings
settings-title = Settings
settings-language = Language
settings-lock = Lock the screen after
settings-minutes = { $count ->
    [one] { $count } minute without a key
   *[other] { $count } minutes without a key
}
language-en = English
language-ru = Русский
language-tg = Тоҷикӣ
key-settings = settings
key-previous-value = previous value
key-next-value = next value

## Detail view
detail-title = Hearing
detail-printed = Printed to { $path }
key-view = view
key-print = print to a file
key-print-sealed = sealed
key-print-plain = plain text, restricted left out
key-print-plain-all = plain text, everything
print-title = Print this hearing to a file outside the encrypted database:
print-sealed = sealed like a batch: only your legal aid group's leads can open it (everything in it)
print-plain = plain text without the restricted fields (names, contact and medical details)
print-plain-all = plain text with everything, restricted fields included
print-warning = Plain text: anyone who holds the disk or the stick reads the case, the checklist, the allegations and the narratives — and with everything, every name, contact and medical detail too. Choose "sealed" unless you need plain text.
print-read-only = The database is open read-only, so the printout could not be recorded in its output log: nothing was written. Open it without --read-only to print.
print-no-lead = No lead's key is in the roster, so the printout cannot be sealed here: add the lead's key with `courtwatch keys add FILE`, or set COURTWATCH_BATCH_PASSPHRASE. Nothing was written.
settings-outputs = Files written outside the database: { $count } (all: courtwatch outputs)
output-batch = batch
output-printout = printout
output-report = report
output-sealed = sealed
output-plain = PLAIN TEXT
output-redacted = redacted
key-edit = edit

## Filters and sorting
list-region = Region
list-judge = Judge
list-stage = Stage
list-monitor = Monitor
list-filtered = filtered (f)
filter-title = Filter hearings
filter-from = From date
filter-to = To date
filter-court = Court
filter-region = Region
filter-judge = Judge (part of name)
filter-monitor = Monitor code
filter-tag = Case theme
filter-article = Article (e.g. 143-1)
filter-status = Status
filter-search = Search words
filter-withheld = (set; not printed, as it may name a person)
filter-none = All hearings (no filter)
stats-interval = 95% interval
stats-filter = Filter
key-filter = filter
key-sort = sort by next column
key-sort-reverse = reverse order
key-apply-filter = apply
key-clear-filter = clear all

## Statistics
stats-title = Statistics
stats-note = Shares leave "not observed" and "not applicable" out of the denominator; the 95% interval follows each share.
key-statistics = statistics
# Statistics: group and figure names (src/stats/labels.rs makes the keys from the ids), units
stats-group-counts = Counts
stats-group-timeliness = Timeliness
stats-group-openness = Openness
stats-group-innocence = Presumption of innocence
stats-group-defence = Defence
stats-group-language = Language
stats-group-torture = Torture and ill-treatment allegations
stats-group-checklist = Fair-trial checklist: non-compliance per item
stats-group-outcomes = Outcomes
stats-group-gbv = Gender-based violence
stats-group-quality = Data quality
stats-group-trials = Trials
stats-counts-hearings = Hearings monitored
stats-counts-took_place = Took place
stats-counts-did_not_take_place = Did not take place
stats-counts-cases = Cases
stats-counts-defendants = Defendants
stats-counts-courts = Courts
stats-counts-regions = Regions
stats-counts-judges = Judges
stats-counts-monitors = Monitors
stats-trials-monitored = Trials monitored
stats-trials-hearings_per_trial = Median hearings per trial
stats-trials-most_hearings = Most hearings of one trial
stats-trials-days_to_verdict = Median days from a trial's first hearing to its verdict
stats-trials-with_allegation = Trials with a torture or ill-treatment allegation
stats-trials-outcomes = Trial outcomes
stats-trials-group = Trials with a hearing where «{ $group }» was not met
stats-timeliness-started_late = Started late (> { $minutes } min)
stats-timeliness-median_delay = Median delay
stats-timeliness-max_delay = Longest delay
stats-timeliness-postponed = Postponed
stats-timeliness-hearings_per_case = Hearings per case
stats-timeliness-days_to_verdict = Median days from first hearing to verdict
stats-openness-closed = Closed to the public
stats-openness-closed_entire = Closed entirely
stats-openness-closed_partly = Closed in part
stats-openness-closure_reasoned = Closure decided and reasoned in open court
stats-openness-monitor_access_incidents = Monitor access incidents
stats-openness-outside_courtroom = Held outside a courtroom
stats-openness-verdict_public = Verdict pronounced publicly
stats-openness-relatives_denied = Relatives refused entry
stats-innocence-caged = Defendant in a cage or glass box
stats-innocence-restrained = Defendant handcuffed or shackled
stats-innocence-prison_clothing = Defendant in prison clothing
stats-defence-counsel_present = Counsel present
stats-defence-counsel_absent = Counsel absent
stats-defence-mandatory_defence_gap = Mandatory defence without counsel
stats-language-interpretation_needed = Needed interpretation
stats-language-interpretation_inadequate = No or only partial interpretation
stats-language-interpretation_none = No interpretation
stats-language-interpretation_partial = Partial or summary interpretation
stats-torture-allegations = Allegations
stats-torture-hearings_with_allegation = Hearings with an allegation
stats-torture-defendants_alleging = Defendants alleging torture or ill-treatment
stats-torture-alleged_by_sex = Allegations by sex
stats-torture-alleged_by_minors = Allegations by minors
stats-torture-agency = Allegations by agency
stats-torture-methods = Allegations by method
stats-torture-purposes = Allegations by purpose
stats-torture-judicial_reaction = Any reaction by the judge
stats-torture-exam_ordered = Medical examination ordered
stats-torture-evidence_excluded = Contested evidence excluded
stats-torture-investigation_opened = Investigation opened
stats-torture-outcome_chain = Follow-up steps reached
stats-outcomes-verdicts = Verdicts
stats-outcomes-conviction_rate = Convictions
stats-outcomes-sentence_types = Sentences by type
stats-outcomes-median_prison_term = Median prison term
stats-outcomes-detention_decisions = Preventive-measure decisions
stats-outcomes-detention_ordered = Detention ordered or extended
stats-gbv-hearings = GBV hearings
stats-gbv-victim_represented = Victim represented by a lawyer
stats-gbv-protective_measures = Protective measures used
stats-gbv-pressure_to_reconcile = Pressure to reconcile (GBV-05)
stats-gbv-stereotyping = Stereotyped remarks not stopped (GBV-04)
stats-gbv-closed_for_victim = Closed to protect the victim
stats-quality-reviewed = Reviewed
stats-quality-entered_after_hearing = Entered after the hearing
stats-quality-not_observed = Checklist answers «not observed»
stats-unit-hearings = hearings
stats-unit-minutes = min
stats-unit-days = days
stats-unit-years = years
stats-by-code = by category
stats-by-court = by court
stats-by-region = by region
stats-by-judge = by judge
stats-by-month = by month
stats-by-monitor = by monitor
stats-checklist-footnote = Shares are «no» + «partly» of the answers yes, no and partly; «not observed» and «not applicable» are left out of the denominator and counted on the right.
stats-table-footer = Each denominator is explained in the `note` of `--format csv` or `--format json`, and in the README.
## Reports (courtwatch report, and r on the statistics screen)
report-title = Trial monitoring report
report-generated = Report date
report-filter = Filter
report-scope = Filter and scope
report-hearings = Hearings
report-monitors = Monitors
report-period = Period (months of the hearings)
report-by-group = Arranged by group of figures.
report-by-right = Arranged by right and treaty article, from the legal references of the checklist items; other figures follow under the article they measure.
report-col-figure = Figure
report-col-numerator = Numerator
report-col-denominator = Denominator
report-col-share = Share
report-col-value = Value
report-col-note = Note
report-col-excluded = Left out of the denominator
report-col-row = Breakdown
report-categories = by category
report-timeline = Hearings per month
report-contents = Contents
report-small = few observations (under { $n }): read with care
report-suppressed = hidden: fewer than { $n }
report-interval-note = Each share is given with its numerator, its denominator and its 95% interval (Wilson score): the range in which the true share lies unless chance misled us; the fewer the observations, the wider it is.
report-consent-note = No person is named: judges are numbered (the same judge has the same number throughout), and people are named only if they consented to be named in reports.
report-public-note = Marked for publication: breakdown cells of fewer than { $n } are hidden, and when a single cell is hidden the next smallest is hidden too, so that it cannot be worked out from the total.
report-internal-note = Not marked for publication: small breakdown cells are shown. Write the report again with --public before handing it over.
report-small-note = Shares over fewer than { $n } observations are flagged.
report-notes-language = The notes say how each denominator is chosen.
report-judge = Judge { $n }
report-judge-unknown = Judge not recorded
report-other-standards = Other standards (no treaty article cited)
report-treaty-ICCPR = International Covenant on Civil and Political Rights
report-treaty-CAT = Convention against Torture
report-treaty-CRC = Convention on the Rights of the Child
report-treaty-CEDAW = Committee on the Elimination of Discrimination against Women, general recommendation
report-written = Report written to { $path }
report-working = Writing the report…
report-read-only = The database is open read-only, so the report could not be recorded in its output log: nothing was written. Open it without --read-only to write a report.
report-named-plain = This report names judges: it is written sealed like a batch, or as a plain file only when plain text is asked for (--plaintext). Nothing was written.
report-named-public = A report that names judges is for the legal aid group, not for publication: leave out --public or --name-judges. Nothing was written.
report-no-lead = No lead's key is in the roster, so the report cannot be sealed here: add the lead's key with `courtwatch keys add FILE`, or set COURTWATCH_BATCH_PASSPHRASE. Nothing was written.
report-consent-note-named = Judges are named as recorded: this report is for the legal aid group, not for publication. Other people are named only if they consented to be named in reports.
key-report-sealed = sealed, judges named
key-report-numbered = plain, judges numbered
key-report-plain-named = plain, judges named
report-ask-title = The screen shows judges by name. Write the report:
report-ask-sealed = sealed like a batch, judges named: only your legal aid group's leads can open it
report-ask-numbered = as a plain file for publication, judges numbered (no one named)
report-ask-plain = as a plain file with the judges' names
report-ask-warning = Plain text with names: anyone who holds the disk or the stick reads each judge's name with the figures of their hearings. Choose "sealed" unless you need plain text.
key-report = report (HTML)
key-report-xlsx = report (XLSX)
## Batches: export, merge, conflicts
key-export = export
key-merge = merge
key-conflicts = conflicts
key-change = change
key-export-run = export
key-mark = mark
key-mark-all = mark all
key-check = check
key-folder = folder
key-look = look in folder
key-batch-list = batch list
key-merge-apply = merge
key-show-resolved = resolved too
key-keep-local = keep local
key-keep-incoming = keep incoming
key-only-differences = only differences
key-take-field = take incoming field
key-keep-field = keep local field
key-save-fields = save choice
export-title = Export a batch
export-scope = Hearings
export-scope-since-last = changed since the last batch
export-scope-all = all final hearings
export-scope-dates = hearings between two dates
export-profile = Format
export-profile-analysis = analysis: comma, for R, Python and merging
export-profile-excel = excel: semicolon, for Excel
export-redact = Redact names
export-redact-no = no: full records, for the legal aid group
export-redact-yes = yes: names replaced, for sharing outside
export-folder = Folder
export-form = Form
export-form-sealed = sealed: one encrypted file, for { $count ->
        [one] the lead in the roster
       *[other] the { $count } leads in the roster
    }
export-form-sealed-passphrase = sealed with the passphrase in COURTWATCH_BATCH_PASSPHRASE (no lead's key in the roster yet)
export-form-plain = PLAIN TEXT: a folder anyone can read
export-plain-warning = Warning: in plain text, anyone who holds the stick or the disk reads every name, allegation, medical detail and narrative in these files. Choose "sealed" unless the lead asked for plain text; "Redact names" leaves the restricted fields out.
export-no-lead = No lead's key is in the roster, so the batch cannot be sealed here: add the lead's key with `courtwatch keys add FILE` (after comparing its fingerprint), or set COURTWATCH_BATCH_PASSPHRASE. Nothing was written.
export-last = Last batch: no. { $seq }, written { $at }, { $count ->
    [one] { $count } hearing
   *[other] { $count } hearings
}.
export-last-none = No batch has been written from this database yet.
export-note = Enter writes the batch inside this folder: one sealed file, or a folder in plain text. Drafts are never exported. The hearings exported are sealed: a later edit starts a new version.
export-bad-date = A date must be written as YYYY-MM-DD, for example 2026-11-23.
export-need-dates = Enter a first date, a last date, or both.
export-dates-order = The first date comes after the last one.
export-need-folder = Type the folder to write the batch in.
export-working = Exporting…
stats-working = Computing statistics…
export-progress = Exporting… { $file }: { $rows } rows
export-nothing-since-last = Nothing to export: no final hearing changed since the last batch. Choose "all final hearings" to export everything again.
export-nothing = Nothing to export: no final hearing matches. No batch was written.
export-done = Batch no. { $seq } of { $monitor } written: { $count ->
    [one] { $count } hearing
   *[other] { $count } hearings
} ({ $profile }).
export-done-redacted = Names and other restricted fields are replaced or left out.
export-done-status = Batch written to { $path }
export-files = Files
export-rows = { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
export-hearings = { $count ->
    [one] { $count } hearing
   *[other] { $count } hearings
}
merge-title = Merge batches
merge-folder = Folder
merge-choose-hint = Space marks batches · Enter checks them (nothing is written yet) · Tab: folder
merge-none-found = No batch folder here. Type the folder that holds the batches (a USB stick, for example) and press Enter.
merge-unreadable = unreadable
merge-merged-before = merged before
merge-none-chosen = Mark a batch with Space first.
merge-checking = Checking { $name } ({ $n } of { $total })…
merge-merging = Merging { $name } ({ $n } of { $total })…
merge-progress = Merging { $name }: { $done } of { $count } hearings…
merge-preview-heading = Checked. Nothing has been written yet.
merge-preview-note = Enter merges the batches that passed; Esc goes back without merging. Each batch is compared with the database as it is now.
merge-done-heading = Merged.
merge-checked-status = Checked: nothing was written. Enter merges, Esc goes back.
merge-nothing-to-apply = Nothing to merge: every batch was rejected or merged before.
merge-done-status = { $count ->
    [one] One batch merged.
   *[other] { $count } batches merged.
}
merge-done-conflicts = { $count ->
    [one] One batch merged
   *[other] { $count } batches merged
}, { $conflicts ->
    [one] one conflict to resolve
   *[other] { $conflicts } conflicts to resolve
}: press c.
merge-new = new { $count }
merge-updated = updated { $count }
merge-reviewed = reviewed { $count }
merge-unchanged = unchanged { $count }
merge-kept = kept local { $count }
merge-conflicts = conflicts { $count }
merge-already = Merged before, on { $at }: nothing to do.
merge-warning = warning:
merge-courts-added = Courts added: { $names }
merge-courts-to-add = Courts it adds: { $names }
merge-joins = Joins of case records: { $added } new, { $split } split, { $waiting } naming a case record not here yet (a later batch brings them again)
merge-rejected = Rejected: nothing from this batch is merged.
merge-more-problems = … and { $count } more
merge-failed = Failed, nothing from this batch was written:
merge-missing = Batches not received yet:
merge-none-missing = No batch is missing.
conflicts-title = Conflicts
conflicts-none = No open conflict.
conflicts-none-ever = No conflict yet.
conflicts-count = { $count ->
    [one] { $count } open conflict
   *[other] { $count } open conflicts
}
conflict-title = Conflict
conflict-from = From
conflict-state = State
conflict-open = open
conflict-resolved-incoming = incoming kept ({ $by })
conflict-resolved-local = local kept ({ $by })
conflict-field = Field
conflict-local = This database
conflict-incoming = Incoming
conflict-case = Case
conflict-allegation = Allegation
conflict-differing = { $count ->
    [one] { $count } field differs (≠)
   *[other] { $count } fields differ (≠)
}
conflict-confirm-incoming = Keep the incoming version? It replaces the version in this database. Your choice is recorded with your code and the time. y: yes · n: no
conflict-confirm-local = Keep the version in this database? The incoming version stays stored with the conflict. Your choice is recorded with your code and the time. y: yes · n: no
conflict-kept-incoming = Resolved: the hearing now has the incoming version.
conflict-kept-local = Resolved: the hearing keeps the version in this database.
conflict-resolved-fields = fields chosen ({ $by })
conflict-taken = { $count } taken from incoming (→)
conflict-cannot-take = This row cannot be taken on its own: choose a field that both versions have.
conflict-confirm-fields = { $count ->
    [one] Save a new version: the version in this database with { $count } field from the incoming one?
   *[other] Save a new version: the version in this database with { $count } fields from the incoming one?
} Your choice is recorded with your code and the time. y: yes · n: no
conflict-kept-fields = { $count ->
    [one] Resolved: a new version with { $count } field from the incoming version.
   *[other] Resolved: a new version with { $count } fields from the incoming version.
}
batch-ref = { $monitor } no. { $seq }

# Erasing the database (courtwatch erase, settings)
erase-word = erase
erase-warning = Erasing destroys this database for good: every hearing, draft and setting in it, and the batches and printouts courtwatch wrote next to it. It cannot be undone.
erase-type-word = Type the word «erase» to go on:

# Failed unlocks wait longer each time
unlock-wait = Wait { $seconds } s before the next try.
## Trials: the case view, the agenda and the case picker
case-title = Case
case-no-number = (no case number yet)
case-articles = Articles
case-next = Next hearing
case-no-next = not announced
case-joined = { $n } case records joined as one trial
# A join of case records in the case view: the two records (last 8 characters of their ids), who, when.
case-join-made = Joined { $records } by { $who }, { $when }
case-join-split = Split { $records } by { $who }, { $when }
case-hearings = Hearings
case-col-date = date
case-col-stage = stage
case-col-outcome = outcome
case-col-monitor = monitor
case-col-status = status
case-defendants = Each defendant across the hearings (– not at that hearing, · not recorded)
case-allegations = Allegations of torture or ill-treatment
case-followups = { $n ->
    [one] { $n } follow-up
   *[other] { $n } follow-ups
}
case-checklist = Standards not met (no or partly): at how many of the hearings that answered, and which
case-none = None recorded.
agenda-title = Agenda
agenda-today = Today
agenda-tomorrow = Tomorrow
agenda-week = This week
agenda-later = Later
agenda-empty = No trial has a hearing announced from today on.
pick-case-title = Next hearing of which trial?
pick-case-hint = Type a case number, a court, a defendant's code or a word. Upcoming and recent trials come first.
pick-case-none = No trial matches. Esc goes back; n on the list starts a new case.
key-next-hearing = next hearing
key-case = trial
key-agenda = agenda
key-start-next = start its next hearing
key-next-hearing-row = next hearing in the list
key-prev-hearing-row = previous hearing in the list
key-left = scroll left
key-right = scroll right
same-trial-title = Same trial?
same-trial-intro = These case records share a court and a case number: they may be one trial recorded twice (by two monitors, or in two batches). Joining them makes the case view, the filters and the statistics treat them as one trial; nothing is deleted or changed, and `courtwatch cases split` undoes it.
same-trial-none = No two case records share a court and a case number. `courtwatch cases join A B` joins any two.
same-trial-hearings = { $count ->
    [one] 1 hearing ({ $first })
   *[other] { $count } hearings ({ $first } – { $last })
}
same-trial-ask = Join these two case records as one trial?

    { $first }
    { $second }

    Your code and the time are recorded with the join. y: yes · n: no
same-trial-joined = Joined as one trial.
same-trial-after-merge = { $count ->
    [one] 1 pair of case records may be one trial recorded twice: press s to look.
   *[other] { $count } pairs of case records may be one trial recorded twice: press s to look.
}
key-join = join as one trial…
key-same-trial = same trial?

# Backups (settings)
settings-backup = Last backup
settings-backup-never = never — press b to make one
settings-keys = Keys for sealed batches (courtwatch keys show prints them)
settings-signing-key = Signing key: fingerprint { $fingerprint }
settings-signing-key-none = Signing key: none yet; it is made at the first export
settings-recipient = Age recipient (monitors seal to it): fingerprint { $fingerprint }
settings-recipient-none = Age recipient: none (a lead makes one with courtwatch keys show --recipient)
settings-roster = Roster: { $leads } lead key(s), { $monitors } monitor key(s)
settings-no-lead = To seal batches to your lead: get the lead's key file, compare its fingerprint with the lead aloud, then run courtwatch keys add FILE.
settings-backup-written = Backup written: { $path }
key-backup = back up now (encrypted, into backups next to the database)

# Settings: backup reminder, passphrase change, erase
key-settings-open = open or do the entry
key-settings-confirm = next field, then confirm
settings-remind = Remind of a backup after
settings-remind-days = { $count ->
    [one] { $count } day of drafts without one
   *[other] { $count } days of drafts without one
}
settings-pass = Passphrase
settings-pass-value = change it…
settings-erase = Erase the database
settings-erase-value = asks the passphrase and the word «erase»
settings-pass-title = Change the passphrase
settings-pass-intro = The database is copied under the new passphrase, checked, and only then put in its place: if anything stops the change half-way, the old passphrase still opens it. Backups made before keep the old passphrase.
settings-pass-current = Current passphrase
settings-pass-new = New passphrase
settings-pass-need-current = Type the current passphrase.
settings-pass-changed = The passphrase is changed; the old one no longer opens the database.
erase-not-the-word = Nothing was erased: the word typed was not «erase».
list-backup-due = No backup for { $days ->
    [one] { $days } day
   *[other] { $days } days
} (F9, b)

# Settings: erase after wrong passphrases (off by default)
settings-erase-after = Erase after wrong tries
settings-erase-after-never = never (off)
settings-erase-after-count = { $count } wrong passphrases in a row
settings-erase-after-warning = With this on, { $count } wrong passphrases in a row — typed by you on a bad day, by a colleague or by a child — erase this database for good, with no way back. Keep a backup somewhere else. It stops someone guessing at the unlock screen, not someone who copies the file first.

# Courts a monitor adds (from the court choice list)
key-add-court = add a court
key-add-court-save = add the court
court-add-none = No court in the list matches. Enter or Ctrl-N adds a court that is not in it.
court-add-title = Add a court
court-add-hint = A court that is not in the list. It is added for good and travels in your batches, so check its name first.
court-add-name = Name ({ $language })
court-add-level = Level
court-add-region = Region
court-add-abroad = Another country
court-add-country = Country
court-add-no-name = The court needs a name, in at least one language.
court-add-no-country = A court in another country needs the country's name.
court-added = Court added: { $name }

## How each figure's denominator is chosen (its note), by figure id; checklist items share one.
stats-note-counts-hearings = Hearings matching the filters.
stats-note-counts-took_place = Hearings that were opened (held, or started and then adjourned), of the hearings whose outcome is recorded.
stats-note-counts-did_not_take_place = Hearings postponed before they started, cancelled or not held for an unknown reason, of the hearings whose outcome is recorded.
stats-note-counts-cases = Distinct cases of the hearings.
stats-note-counts-defendants = Distinct defendants of those cases.
stats-note-counts-courts = Distinct courts.
stats-note-counts-regions = Distinct regions of those courts.
stats-note-counts-judges = Distinct presiding judges, as recorded.
stats-note-counts-monitors = Distinct monitors; the breakdown gives each monitor's hearings.
stats-note-timeliness-started_late = Hearings that took place with both the scheduled and the actual start time recorded; late means more than the threshold (settings.late_after_minutes) after the scheduled time.
stats-note-timeliness-median_delay = Minutes from the scheduled to the actual start (0 when on time or early), over the same hearings.
stats-note-timeliness-max_delay = The longest delay among the same hearings.
stats-note-timeliness-postponed = Hearings put off to another day (before or after they started, or cancelled), of the hearings whose outcome is recorded; the reasons are shares of the postponed hearings with reasons recorded (one hearing may give several).
stats-note-timeliness-hearings_per_case = Hearings divided by distinct cases.
stats-note-timeliness-days_to_verdict = Days from the case's first monitored hearing to the hearing at which a verdict was pronounced, over those hearings.
stats-note-openness-closed = Hearings closed to the public entirely or partly, of the hearings that took place with public access recorded.
stats-note-openness-closed_entire = Hearings closed entirely, of the same hearings.
stats-note-openness-closed_partly = Hearings closed in part, of the same hearings.
stats-note-openness-closure_reasoned = Closed hearings whose closure was decided and explained in open court, of the closed hearings with that recorded; the grounds are shares of closed hearings with a ground recorded.
stats-note-openness-monitor_access_incidents = Hearings at which the monitor met any obstacle, of the hearings with the monitor's access recorded; the types are shares of those hearings (one hearing may have several).
stats-note-openness-outside_courtroom = Hearings held anywhere but a courtroom, of the hearings that took place with the place recorded.
stats-note-openness-verdict_public = Verdicts pronounced publicly, of the hearings at which a verdict was pronounced with that recorded.
stats-note-openness-relatives_denied = Hearings at which relatives were refused entry, of the hearings with that recorded.
stats-note-innocence-caged = Defendant appearances (present in person or by video) in a metal cage or glass box, of the appearances with the position recorded; «not visible» is left out of the denominator.
stats-note-innocence-restrained = Defendant appearances in handcuffs or shackles, of the appearances with restraints recorded; «unknown» is left out of the denominator.
stats-note-innocence-prison_clothing = Defendant appearances in prison clothing or with a shaved head, of the appearances with that recorded.
stats-note-defence-counsel_present = Defendant appearances with counsel present for the whole hearing, of the appearances with that recorded; the counsel types are shares of the appearances with the type recorded.
stats-note-defence-counsel_absent = Defendant appearances without counsel present, of the same appearances.
stats-note-defence-mandatory_defence_gap = Appearances of defendants for whom defence is mandatory, without counsel present, of those appearances with counsel presence recorded.
stats-note-language-interpretation_needed = People at hearings (any role) who needed interpretation, of those with interpretation recorded.
stats-note-language-interpretation_inadequate = Of those who needed interpretation: none, or only partial or summary interpretation.
stats-note-language-interpretation_none = Of those who needed interpretation: none provided.
stats-note-language-interpretation_partial = Of those who needed interpretation: partial or summary interpretation only.
stats-note-torture-allegations = Torture or ill-treatment allegations raised at the hearings (one per person per allegation).
stats-note-torture-hearings_with_allegation = Hearings that took place at which at least one allegation was raised, of the hearings that took place.
stats-note-torture-defendants_alleging = Distinct defendants who raised an allegation, of the distinct defendants of the cases.
stats-note-torture-alleged_by_sex = Allegations, by the sex of the person alleging.
stats-note-torture-alleged_by_minors = Allegations raised by a minor, of the allegations whose person's age or minority is recorded.
stats-note-torture-agency = Allegations with the perpetrators' agency recorded, by agency.
stats-note-torture-methods = Allegations with methods recorded, by top-level method (one allegation may name several).
stats-note-torture-purposes = Allegations with purposes recorded, by purpose (one allegation may name several).
stats-note-torture-judicial_reaction = Allegations the judge reacted to in any way (anything but ignoring, dismissing it as a defence tactic, rebuking or threatening the defendant, or accepting the prosecutor's denial without a check), of the allegations with the judge's reaction recorded; «not observed» alone is left out of the denominator.
stats-note-torture-exam_ordered = Allegations after which a medical examination was ordered, of the allegations with that recorded.
stats-note-torture-evidence_excluded = Allegations whose contested evidence was excluded, of the allegations with the decision recorded; «unknown» is left out of the denominator.
stats-note-torture-investigation_opened = Allegations with a follow-up showing a preliminary check or criminal case opened (or officials charged or convicted), of all the allegations.
stats-note-torture-outcome_chain = All the allegations, and how many reached each follow-up step.
stats-note-checklist = Answers «no» or «partly», of the answers «yes», «no» and «partly»; «not observed» and «not applicable» are left out of the denominator.
stats-note-outcomes-verdicts = Hearings at which a verdict was pronounced with the verdict recorded, by verdict.
stats-note-outcomes-conviction_rate = Verdicts convicting on at least one charge (conviction or partial acquittal), of the verdicts recorded.
stats-note-outcomes-sentence_types = Convictions with the sentence type recorded, by type.
stats-note-outcomes-median_prison_term = Years of imprisonment (years and months recorded), over convictions to imprisonment with a term recorded.
stats-note-outcomes-detention_decisions = Hearings that decided a preventive measure with the decision recorded, by decision.
stats-note-outcomes-detention_ordered = Decisions that ordered or extended detention, of the same decisions.
stats-note-gbv-hearings = Hearings that took place in cases tagged as gender-based or sexual violence.
stats-note-gbv-victim_represented = GBV hearings at which a victim had a lawyer (private, legal aid centre or NGO), of the GBV hearings with a victim whose representation is recorded.
stats-note-gbv-protective_measures = Victim appearances at GBV hearings with any protective measure used, of those with measures recorded.
stats-note-gbv-pressure_to_reconcile = Checklist item GBV-05 answered «no» or «partly» (the victim was pressed to reconcile or withdraw), of its answers «yes», «no» and «partly»; «not observed» and «not applicable» are left out.
stats-note-gbv-stereotyping = Checklist item GBV-04 answered «no» or «partly» (victim-blaming or stereotyped remarks were not stopped), of its answers «yes», «no» and «partly»; «not observed» and «not applicable» are left out.
stats-note-gbv-closed_for_victim = GBV hearings closed to protect a victim (the protective measure «closed hearing» recorded for a victim), of the GBV hearings.
stats-note-quality-reviewed = Hearings marked reviewed by a group lead, of all the hearings.
stats-note-quality-entered_after_hearing = Hearings typed in later from paper notes, of the hearings with that recorded.
stats-note-quality-not_observed = Checklist answers «not observed», of all the checklist answers given.
stats-note-trials-monitored = Distinct trials of the hearings; two case records a lead joined count as one trial.
stats-note-trials-hearings_per_trial = Hearings per trial among the hearings matching the filters, over those trials.
stats-note-trials-most_hearings = The most hearings of one trial among the same trials.
stats-note-trials-days_to_verdict = Days from a trial's first monitored hearing to its latest hearing with a verdict pronounced, over the finished trials.
stats-note-trials-with_allegation = Trials with a torture or ill-treatment allegation recorded at one of their hearings, of the trials.
stats-note-trials-outcomes = Finished trials with the verdict recorded, by the verdict of their latest verdict hearing.
stats-note-trials-group = Trials with at least one hearing where an item of this group was answered «no» or «partly», of the trials where one was answered «yes», «no» or «partly».
stats-note-trials-checklist = Trials with at least one hearing where the item was answered «no» or «partly», of the trials where it was answered «yes», «no» or «partly».

## A batch's problems (verify, merge): each follows its file, line and column.
batch-missing = is missing
batch-not-plain-file = is { $what }, not a plain file; a batch holds only plain files, so it was not read
batch-what-fifo = a named pipe (FIFO)
batch-what-device = a device
batch-what-socket = a socket
batch-what-symlink = a symbolic link
batch-what-folder = a folder
batch-what-other = something other than a file
batch-what-outside = a name outside the batch folder
batch-too-large = is { $size } bytes, more than such a file can be ({ $max }); it was not read
batch-cannot-read = cannot be read: { $error }
batch-sums-bad-line = is not a line `<sha256>  <file name>` naming a file of the batch
batch-does-not-list = does not list { $name }
batch-sha-vs-sums = SHA-256 is { $actual }, SHA256SUMS says { $expected }: the file was changed or damaged
batch-sha-vs-manifest = SHA-256 is { $actual }, the manifest says { $expected }: the file was changed or damaged
batch-unknown-listed-file = lists an unknown file { $name }
batch-size-vs-manifest = is { $bytes } bytes, the manifest says { $expected }: the file is truncated or was changed
batch-bom-unexpected = starts with a byte order mark, but the manifest says it has none
batch-bom-missing = has no byte order mark, but the manifest says it has one
batch-delimiter = uses { $found } between columns, but the manifest says { $said }
batch-cell-too-long = the cell holds { $bytes } bytes, more than a cell of a batch may hold ({ $max } bytes, 4 MiB)
batch-control-character = holds the control character { $code }; a batch holds text, line breaks and tabs only
batch-not-utf8 = is not valid UTF-8 text (bad byte after { $valid } bytes of the cell); save the file as UTF-8
batch-redacted-not-merged = this batch is redacted (names and other restricted fields were replaced or left out); merging it would put pseudonyms in place of real records, so it is not merged
batch-monitor-code-taken = monitor code { $code } belongs to another monitor here ({ $other }); the two must use different codes
batch-unsigned = unsigned
batch-signed-by = signed by { $fingerprint }
batch-signer-changed = batch { $batch } was merged before { $was }; this copy is { $now }: one of the two is not what it claims, so it was not merged
batch-unknown-signer = is by a signing key that is not in this database's roster (fingerprint { $fingerprint }, monitor { $monitor }): ask the monitor to read out the fingerprint `courtwatch keys show` gives; if it is the same, trust the key (`merge --trust { $fingerprint }`) and merge again
batch-or = or
batch-empty-file = is empty: the header row is missing
batch-cell-count = has { $cells } cells, the header has { $want } columns (is the file cut short, or a cell unquoted?)
batch-row-count = the file has { $rows } data rows, the manifest says { $expected }: it is truncated or was changed
batch-orphan = { $column }: no row with uuid { $parent } in { $file } (the parent is missing)
batch-orphan-anywhere = { $column }: no row with uuid { $parent } in this batch (the parent is missing)
batch-out-of-place = { $column }: the row is out of place; rows come grouped with their hearing, in the order of hearings.csv
batch-case-misplaced = case_uuid: case { $case } is not in cases.csv where it belongs (with the first of its hearings)
batch-hearings-unordered = hearings are not in UUID order
batch-party-twice = party { $party } appears twice for hearing { $hearing }
batch-item-twice = item { $item } is answered twice for hearing { $hearing }
batch-item-twice-for-party = item { $item } is answered twice for hearing { $hearing } and party { $party }
batch-case-without-hearing = case { $case } has no hearing in this batch
batch-more-without-place = { $more } more row(s) after line { $line } found no place either
batch-party-other-case = party_uuid: party { $party } belongs to case { $other }, not to the hearing's case { $case }
batch-uuid-twice = uuid { $uuid } appears twice (first on line { $first })
batch-hearing-order = uuid: hearings must be in UUID order, as courtwatch writes them ({ $uuid } comes after { $previous })
batch-unknown-monitor = monitor_uuid { $monitor } is not among the manifest's monitors
batch-hearing-count = says the batch holds { $said } hearings, hearings.csv has { $found }
batch-signature-other-batch = vouches for { $comment }, not for this batch ({ $ours }): the signature belongs to another batch
batch-signature-without-key = names no signing key, but the batch has a signature; it cannot be checked
batch-signature-missing = is missing: the manifest names a signing key but the batch has no signature
batch-sealed-unsigned = is missing: a sealed batch must be signed by the monitor who wrote it
batch-older-form-versions = the batch was written with older form versions than this courtwatch's; its hearings are checked against the fields those versions had
batch-internal-sums = could not be checked (internal error)
batch-internal-hashes = the content hashes could not be checked (internal error)
batch-hash-mismatch = content_hash: hearing { $hearing } does not match it: its content hashes to { $actual }; a record changed after it was sealed is not taken
batch-item-not-per-defendant = checklist item { $item } is not asked per defendant, but the answer names party_uuid
batch-item-party-not-defendant = checklist item { $item } is asked per defendant, but party { $party } is not a defendant of the case
batch-row-of-hearing = the row with uuid { $row } (of hearing { $hearing }, which is { $status }): { $why }
batch-field-required = { $field } is required but empty
batch-field-invalid = { $field } does not fit its field
batch-field-not-applicable = { $field } holds a value, but it applies only when { $condition } is { $values }
batch-field-not-applicable-anywhere = { $field } holds a value where it does not apply
batch-stale-values = was written by courtwatch { $app }, whose forms kept values in fields that do not apply (the problems below); a current courtwatch clears them when it opens the monitor's database: the monitor must upgrade courtwatch, run `courtwatch export --all` and send you that batch instead of this one
batch-comment-required = checklist item { $item } is answered no or partly without the comment it needs
batch-comment-required-for-party = checklist item { $item } for party { $party } is answered no or partly without the comment it needs
batch-hearing-would-not-finalise = hearing { $hearing } is { $status } but would not pass finalising: { $what }
batch-row-would-not-finalise = the row with uuid { $row } (of hearing { $hearing }, which is { $status }) would not pass finalising: { $what }
batch-codebook-header = the header is not { $header }
batch-codebook-rows = the file has { $rows } data rows, the manifest says { $expected }
batch-column-missing = column { $column } is missing
batch-column-twice = column { $column } appears twice
batch-column-unknown = unknown column { $column }
batch-nil-uuid = is the nil UUID (all zeros); every record has an id of its own
batch-unknown-code = unknown code { $value } (list { $list })
batch-uuid-empty = is empty; a UUID is required
batch-not-uuid = { $value } is not a UUID
batch-draft = a draft; batches carry only final and reviewed hearings
batch-unknown-status = unknown status { $value }; expected final or reviewed
batch-not-whole-number = { $value } is not a whole number
batch-not-hash = { $value } is not a SHA-256 hash (64 lower-case hex digits)
batch-not-timestamp = { $value } is not a date and time with offset (like 2026-11-23T10:15:00+05:00)
batch-unknown-item = unknown checklist item { $value }
batch-not-date = { $value } is not a date (YYYY-MM-DD)
batch-not-time = { $value } is not a time (HH:MM)
batch-not-number = { $value } is not a number (digits, `.` for decimals)
batch-in-column = { $column }: { $what }
batch-problem-at = { $place }: { $what }
batch-holds-format = the text "courtwatch-batch"
batch-holds-whole-number = a whole number
batch-holds-uuid = a UUID
batch-holds-text = text
batch-holds-form-versions = an object giving each form's version, like {"{"}"hearing": 1{"}"}
batch-holds-monitor = an object with the monitor's uuid, code and name
batch-holds-monitors = a list of objects, each with a monitor's uuid, code and name
batch-holds-seq = a whole number from 1
batch-holds-created-at = a date and time with offset, like "2026-11-23T10:15:00+05:00"
batch-holds-scope = an object with kind, from, to and filters
batch-holds-profile = "analysis" or "excel"
batch-holds-delimiter = "," or ";"
batch-holds-bool = true or false
batch-holds-redaction = null, or an object with the lists omitted and pseudonymised
batch-holds-signing-key = the monitor's minisign public key (RW…), or null
batch-holds-files = a list of objects, each with a file's name, rows, bytes and sha256
batch-holds-scope-kind = "all" or "since_last"
batch-holds-date-or-null = null or a date (YYYY-MM-DD)
batch-holds-texts = a list of texts
batch-holds-field-ids = a list of field ids
batch-holds-file-name = a file name
batch-holds-hex = 64 lower-case hex digits
batch-not-object = { $path } must be an object; it is { $value }
batch-field-missing = the field { $field } is missing; it holds { $what }
batch-field-wrong-type = the field { $field } must be { $what }; it is { $value } ({ $why })
batch-field-unknown = has a field { $field } this courtwatch does not know
batch-manifest-control-character = { $path } holds the control character { $code }; a manifest holds plain text only
batch-not-a-folder = is not a folder; give the path of a batch folder (courtwatch-…)
batch-manifest-missing = is missing: this folder is not a courtwatch batch
batch-not-json = is not valid JSON: { $error }
batch-not-json-object = is not a JSON object: this is not a courtwatch batch
batch-no-format = has no field format: this is not a courtwatch batch
batch-wrong-format = format is { $value }, not "{ $format }": this is not a courtwatch batch
batch-format-version-unknown = format_version { $version } is not known to this courtwatch (it reads version { $known }); update courtwatch to read this batch
batch-format-version-missing = the field format_version is missing or not a whole number
batch-does-not-fit = does not fit the format: { $error }
batch-seq-zero = seq is 0; a monitor's batches are numbered from 1
batch-created-at = created_at { $value } is not a date and time with offset (like 2026-11-23T10:15:00+05:00)
batch-schema-unknown = schema_version { $version } is not known to this courtwatch (it knows 1 to { $known }); update courtwatch to read this batch
batch-nil-id = { $key } is the nil UUID; it must name this batch's own
batch-monitor-nil = { $path }.uuid is the nil UUID; a monitor has an id of their own
batch-monitor-code = { $path }.code { $code } is not a monitor code (1 to 32 characters, no spaces at either end)
batch-delimiter-profile = delimiter { $delimiter } is not the { $profile } profile's ({ $expected })
batch-bom-profile = bom and formula_guard must be { $value } with the { $profile } profile
batch-redaction-redacted = redaction must be given exactly when redacted is true
batch-scope-date = scope: { $value } is not a date (YYYY-MM-DD)
batch-sha-not-hex = the sha256 of { $file } is not 64 lower-case hex digits
batch-form-unknown = form_versions names the form { $form }, which this courtwatch does not know
batch-form-version-unknown = form_versions: { $form } version { $version } is not known to this courtwatch (it has version { $known }); update courtwatch to read this batch
batch-form-version-not-given = form_versions does not give the version of the form { $form }
batch-form-versions-empty = form_versions is empty; it gives the version of each form, like hearing=1|case=1
batch-form-versions-pair = form_versions: { $pair } is not form=version
batch-form-versions-unknown-form = form_versions: the form { $form } is not known
batch-form-versions-too-new = form_versions: { $form } version { $version } is not known to this courtwatch (it has version { $known })
batch-side-too-many-rows = a batch may hold at most { $max } rows here
batch-side-cell-count = has { $cells } cells, the header { $want }
batch-join-self = a case record cannot be joined with itself
batch-join-twice = join { $join } appears twice
batch-not-monitor-uuid = { $value } is not a monitor's UUID
batch-court-twice = court { $code } appears twice
batch-court-bad-code = the code { $code } is not one of a court a monitor added ({ $prefix } and hex digits)
batch-court-no-name = the court has no name; it needs one in at least one language
batch-court-bad-text = a name or the country is longer than { $max } characters, starts or ends with a space, or holds a control character
batch-court-unknown-level = unknown court level { $level }
batch-court-unknown-region = unknown region { $region }
batch-court-no-place = the court has neither a region nor a country; it needs one
batch-court-clash = court { $code } is { $here } here (level { $level }, region { $region }, country { $country }), but the batch says { $theirs } (level { $their_level }, region { $their_region }, country { $their_country }); a court's code names one court, so nothing was merged
batch-joins-received = joins of case records: { $what }
batch-joins-new = { $count } new
batch-joins-split = { $count } split
batch-joins-waiting = { $count } naming a case record not here yet (not taken; every later batch of that monitor brings them again)
batch-output-unknown-kind = unknown kind { $value }; expected batch, printout or report
batch-not-flag = { $value } is not 0 or 1
batch-output-sealed-to-sealed = { $value } is not what a sealed file was sealed to (recipients' fingerprints joined by commas, or "passphrase")
batch-output-sealed-to-plain = { $value } is given for a plain file, which was sealed to nobody: the cell must be empty
batch-output-empty = is empty; it is required
batch-output-twice = the row for { $path } at { $at } appears twice
batch-outputs-received = output log: { $count } new row(s) (courtwatch outputs --received)
batch-changed-while-merged = { $batch } changed while it was being merged ({ $detail }); nothing was merged
batch-changed-hearing-moved = hearing { $hearing } is not where it was
batch-changed-more-hearings = it has more hearings than before
batch-changed-read-failed = reading it failed
batch-more-warnings = … and { $count } more warning(s)
batch-verify-valid = { $batch } is a valid batch: monitor { $monitor }, batch { $seq }, { $count } hearing(s), { $profile } profile{ $redacted ->
        [yes] , redacted
       *[other] {""}
    }.
batch-verify-signed = Signed by the key with fingerprint { $fingerprint }.
batch-verify-unsigned = Not signed.
batch-verify-invalid = { $batch } is not a valid batch ({ $count } problem(s)); nothing was changed:
batch-merge-summary = { $batch } (monitor { $monitor }, batch { $seq }): { $new } new, { $updated } updated, { $unchanged } unchanged, { $kept } kept local (newer here), { $conflicts } conflict(s){ $dry_run ->
        [yes] {" "}— would be merged (dry run, nothing written)
       *[other] {""}
    }
batch-merge-progress = merge: { $done }/{ $count } hearings
batch-merge-unopened = { $batch }: rejected; nothing from it was written.
batch-merge-rejected = { $batch }: rejected ({ $count } problem(s)); nothing from it was written.
batch-merge-already = { $batch }: already merged on { $at }; nothing changed.
batch-merge-court = court { $code } ({ $name }) { $dry_run ->
        [yes] would be added
       *[other] added
    }
batch-merge-missing = monitor { $monitor }: batch(es) { $list } not received yet
batch-merge-count = { $count } batch(es) { $dry_run ->
        [yes] checked
       *[other] merged
    }
batch-merge-count-before = { $count } merged before (nothing changed)
batch-merge-count-rejected = { $count } rejected
batch-merge-nothing-changed = Nothing changed.
batch-merge-join-suggestions = { $count } pair(s) of case records share a court and a case number and may be one trial recorded twice: `courtwatch cases suggest` lists them, `courtwatch cases join A B` joins two after you checked them.
batch-merge-rejected-count = { $count } batch(es) rejected:
