# courtwatch — сатрҳои интерфейс (тоҷикӣ). Ҳар калид дар en.ftl ва ru.ftl низ ҳаст.

read-only = танҳо хондан
too-small = Терминал хеле хурд аст. Ба courtwatch на камтар аз { $width } сутун ва { $height } сатр лозим аст: равзанаро калон кунед ё андозаи ҳарфҳоро хурд кунед.

status-draft = сиёҳнавис
status-final = ниҳоӣ
status-reviewed = санҷидашуда

## Оғози аввал ва кушодан
first-run-title = Пойгоҳи нави додаҳо
first-run-intro = Хуш омадед. Ҳар чизе, ки шумо сабт мекунед, дар пойгоҳи рамзгузоришудаи додаҳо дар ҳамин ноутбук нигоҳ дошта мешавад. Коди мушоҳид ва номи худро ворид кунед, баъд ибораи рамз интихоб кунед.
first-run-code = Коди мушоҳид
first-run-name = Номи шумо
first-run-org = Ташкилот
first-run-passphrase = Ибораи рамз
first-run-repeat = Ибораи рамзро такрор кунед
first-run-strength = Мустаҳкамӣ:
strength-weak = суст — ибораи дарозтареро аз чанд калима истифода баред
strength-fair = миёна — ибораи дарозтар бехатартар мебуд
strength-strong = мустаҳкам
first-run-warning = Ибораи рамзро барқарор кардан ғайриимкон аст. Агар он гум шавад, сабтҳои ин пойгоҳи додаҳо низ гум мешаванд. Онро дар хотир нигоҳ доред, на дар коғаз дар халтаи ноутбук.
first-run-need-profile = Коди мушоҳид ва номи худро ворид кунед.
first-run-too-short = Ибораи рамз бояд на камтар аз 8 аломат дошта бошад.
first-run-mismatch = Ду ибораи рамз ба ҳам мувофиқ нестанд. Ибораи рамзро аз нав ворид кунед.
unlock-title = Кушодан
unlock-prompt = Ибораи рамз:
unlock-wrong = Ибораи рамз нодуруст аст. Боз кӯшиш кунед.
lock-title = Қулф аст
lock-hint = Экран қулф аст. Ибораи рамзро ворид кунед ва Enter-ро пахш кунед.

## Рӯйхати ҷаласаҳо
list-title = Ҷаласаҳои судӣ
list-date = Сана
list-court = Суд
list-case = Парванда
list-status = Ҳолат
list-flags = Нишонаҳо
list-count = { $total ->
    [one] { $total } ҷаласа
   *[other] { $total } ҷаласа
}
list-empty = Ҳоло ягон ҷаласа нест. Барои сабти ҷаласа n-ро пахш кунед.
list-no-match = Ягон ҷаласа ба ҷустуҷӯ мувофиқ нест.
list-searching = ҷустуҷӯ:
list-search-prompt = Ҷустуҷӯ:
list-flags-legend = A иддао · C пӯшида · N бе ҳимоятгар · F пайгирӣ

## Ҷаласа
tab-details = Ҷаласа
tab-people = Иштирокчиён
tab-checklist = Рӯйхати санҷиш
tab-allegations = Иддаоҳо
tab-timeline = Рафти ҷаласа
hearing-new = ҷаласаи нав
hearing-final-note = сабти ниҳоӣ: тағйирот бо версияҳо нигоҳ дошта ва дар таърих қайд мешаванд
hearing-finalised = Сабти ҷаласа ниҳоӣ карда шуд.
hearing-problems = { $count ->
    [one] Пеш аз ниҳоӣ кардан { $count } камбудиро ислоҳ кардан лозим аст.
   *[other] Пеш аз ниҳоӣ кардан { $count } камбудиро ислоҳ кардан лозим аст.
}
problems-title = Пеш аз ниҳоӣ кардан ислоҳ кунед — Enter ба майдон мегузарад
form-required = ҳатмӣ
form-comment-required = шарҳ ҳатмист
form-invalid = қимати нодуруст
form-date-hint = сана ба шакли СССС-ММ-РР, Ctrl-N — имрӯз
form-time-hint = вақт ба шакли СС:ДД, Ctrl-N — ҳозир
form-number-hint = адад
form-choice-hint = Enter: аз рӯйхат интихоб кунед
picker-hint = барои филтр нависед · ↑↓ ҳаракат · Enter интихоб · Space қайд (якчанд) · Esc бекор
people-empty = Ҳоло касе сабт нашудааст. Ctrl-A судшаванда, Ctrl-V ҷабрдида, Ctrl-W шоҳид илова мекунад.
people-at-hearing = дар ин ҷаласа
people-charge = айбдоркунӣ
people-consent = розигӣ
checklist-empty = Ягон банди рӯйхати санҷиш ба ин ҷаласа дахл надорад.
checklist-comment = Шарҳ
allegations-empty = Ягон иддао сабт нашудааст. Агар дар суд дар бораи шиканҷа ё муносибати бераҳмона иддао шавад, Ctrl-A онро илова мекунад.
allegation-followup = Пайгирӣ
allegation-one = ин иддао
allegation-who = Иддаоро кӣ кард?
allegation-no-person = — касе аз шахсони сабтшуда нест
timeline-empty = Ҳоло ягон ҳодиса нест. Ctrl-T аз ҳар ҷои ҷаласа вақти ҷориро қайд мекунад.
timeline-time = Вақт
timeline-event = Ҳодиса
timeline-note = Эзоҳ
timeline-dialog = Ҳодиса, соати
confirm-title = Тасдиқ кунед
confirm-delete = Ҳазф карда шавад: { $what }? Ин амалро бекор кардан мумкин нест.
confirm-delete-event = Ин ҳодиса ҳазф карда шавад? Ин амалро бекор кардан мумкин нест.
reason-title = Тағйири сабти ниҳоӣ
reason-prompt = Ин сабт ниҳоӣ аст. Мухтасар нависед, ки чаро онро тағйир медиҳед (дар таърихи тағйирот нигоҳ дошта мешавад), баъд Enter-ро пахш кунед.

## Роҳнамо
help-title = Тугмаҳо
help-this-screen = Дар ин экран
help-everywhere = Дар ҳама ҷо
help-close = Esc ё F1 ин роҳнаморо мепӯшад.

## Тугмаҳо
key-help = роҳнамо
key-lock = қулф
key-quit = баромадан
key-next-field = майдони баъдӣ
key-prev-field = майдони қаблӣ
key-create = сохтан
key-unlock = кушодан
key-new-hearing = ҷаласаи нав
key-open = кушодан
key-search = ҷустуҷӯ
key-apply-search = ҷустан
key-clear-search = бекори ҷустуҷӯ
key-up = боло
key-down = поён
key-page-up = саҳифа боло
key-page-down = саҳифа поён
key-first = ба аввал
key-last = ба охир
key-language = забон
key-tab-details = ҷаласа
key-tab-people = иштирокчиён
key-tab-checklist = санҷиш
key-tab-allegations = иддаоҳо
key-tab-timeline = рафти ҷаласа
key-stamp = қайди вақт
key-finalise = ниҳоӣ кардан
key-back = бозгашт
key-choose = интихоб
key-clear-choice = тоза кардан
key-now = ҳозир
key-jump = ба майдон
key-close = пӯшидан
key-yes = ҳа
key-no = не
key-save = захира
key-add-defendant = иловаи судшаванда
key-add-victim = иловаи ҷабрдида
key-add-witness = иловаи шоҳид
key-add-charge = иловаи айбдоркунӣ
key-add-consent = иловаи розигӣ
key-remove = хориҷ кардан
key-prev-person = шахси қаблӣ
key-next-person = шахси баъдӣ
key-answer-yes = ҳа
key-answer-no = не
key-answer-partly = қисман
key-answer-not-observed = мушоҳида нашуд
key-answer-not-applicable = дахл надорад
key-clear-answer = тоза кардани ҷавоб
key-comment = шарҳ
key-comment-done = тайёр
key-add-allegation = иловаи иддао
key-add-followup = иловаи пайгирӣ
key-prev-allegation = қаблӣ
key-next-allegation = баъдӣ
key-edit-event = ислоҳ кардан
key-delete-event = ҳазф кардан

## Танзимот
settings-title = Танзимот
settings-language = Забон
settings-lock = Қулфи экран баъди
settings-minutes = { $count ->
    [one] { $count } дақиқаи бе пахши тугма
   *[other] { $count } дақиқаи бе пахши тугма
}
language-en = English
language-ru = Русский
language-tg = Тоҷикӣ
key-settings = танзимот
key-previous-value = қимати қаблӣ
key-next-value = қимати навбатӣ

## Detail view
detail-title = Ҷаласа
detail-printed = Дар файл сабт шуд: { $path }
key-view = дидан
key-print = ба файл
key-edit = тағйир додан

## Филтр ва тартиб
list-region = Минтақа
list-judge = Судя
list-stage = Марҳила
list-monitor = Мушоҳид
list-filtered = филтр (f)
filter-title = Филтри ҷаласаҳо
filter-from = Аз сана
filter-to = То сана
filter-court = Суд
filter-region = Минтақа
filter-judge = Судя (қисми ном)
filter-monitor = Коди мушоҳид
filter-tag = Мавзӯи парванда
filter-article = Модда (мас. 143-1)
filter-status = Ҳолат
filter-hint = Enter: интихоб · Ctrl-A: татбиқ · Del: тоза · Ctrl-X: ҳамаро тоза · Esc: бекор
key-filter = филтр
key-sort = тартиб аз рӯи сутуни дигар
key-sort-reverse = тартиби баръакс
key-apply-filter = татбиқ
key-clear-filter = ҳамаро тоза

## Омор
stats-title = Омор
stats-note = Ҳамаи ҷаласаҳо. Ҳиссаҳо бе ҷавобҳои «мушоҳида нашуд» ва «дахл надорад» дар махраҷ ҳисоб мешаванд.
stats-note-filtered = Ҷаласаҳои филтри рӯйхат. Ҳиссаҳо бе ҷавобҳои «мушоҳида нашуд» ва «дахл надорад» дар махраҷ ҳисоб мешаванд.
key-statistics = омор
## Бастаҳо: содирот, муттаҳидсозӣ, ихтилофҳо
key-export = содирот
key-merge = муттаҳидсозӣ
key-conflicts = ихтилофҳо
key-change = иваз
key-export-run = содир кардан
key-mark = қайд
key-mark-all = ҳамаро қайд
key-check = санҷидан
key-folder = ҷузвдон
key-look = ҷустан дар ҷузвдон
key-batch-list = рӯйхати бастаҳо
key-merge-apply = муттаҳид кардан
key-show-resolved = ҳалшудаҳо ҳам
key-keep-local = худиро нигоҳ доштан
key-keep-incoming = воридшударо гирифтан
key-only-differences = танҳо фарқҳо
export-title = Содироти баста
export-scope = Ҷаласаҳо
export-scope-since-last = пас аз бастаи гузашта тағйирёфта
export-scope-all = ҳамаи ҷаласаҳои ниҳоӣ
export-scope-dates = байни ду сана
export-profile = Формат
export-profile-analysis = analysis: вергул, барои R, Python ва муттаҳидсозӣ
export-profile-excel = excel: нуқта-вергул, барои Excel
export-redact = Пинҳон кардани номҳо
export-redact-no = не: сабтҳои пурра, барои гурӯҳи кӯмаки ҳуқуқӣ
export-redact-yes = ҳа: номҳо иваз шудаанд, барои додан ба берун
export-folder = Ҷузвдон
export-last = Бастаи охирин: № { $seq }, навишта шуд { $at }, { $count } ҷаласа.
export-last-none = Аз ин пойгоҳ ҳоло ягон баста содир нашудааст.
export-note = Enter дар дохили ин ҷузвдон ҷузвдони бастаи нав менависад. Сиёҳнависҳо содир намешаванд. Ҷаласаҳои содиршуда мӯҳр мешаванд: таҳрири минбаъда версияи нав оғоз мекунад.
export-bad-date = Санаро чун СССС-ММ-РР нависед, масалан 2026-11-23.
export-need-dates = Санаи аввал, санаи охир ё ҳардуро нависед.
export-dates-order = Санаи аввал аз санаи охир дертар аст.
export-need-folder = Ҷузвдонеро нависед, ки баста дар он навишта шавад.
export-working = Содирот…
export-progress = Содирот… { $file }: { $rows } сатр
export-nothing-since-last = Чизе барои содирот нест: пас аз бастаи гузашта ягон ҷаласаи ниҳоӣ тағйир наёфтааст. Барои аз нав содир кардани ҳама «ҳамаи ҷаласаҳои ниҳоӣ»-ро интихоб кунед.
export-nothing = Чизе барои содирот нест: ягон ҷаласаи ниҳоии мувофиқ нест. Баста навишта нашуд.
export-done = Бастаи № { $seq }-и { $monitor } навишта шуд: { $count } ҷаласа ({ $profile }).
export-done-redacted = Номҳо ва дигар майдонҳои маҳдуд иваз ё хориҷ шудаанд.
export-done-status = Баста навишта шуд ба { $path }
export-files = Файлҳо
export-rows = { $count } сатр
export-hearings = { $count } ҷаласа
merge-title = Муттаҳидсозии бастаҳо
merge-folder = Ҷузвдон
merge-choose-hint = Пробел бастаҳоро қайд мекунад · Enter онҳоро месанҷад (ҳоло чизе навишта намешавад) · Tab: ҷузвдон
merge-none-found = Дар ин ҷо ҷузвдони баста нест. Ҷузвдони бастаҳоро (масалан, дар флешка) нависед ва Enter-ро пахш кунед.
merge-unreadable = хонда намешавад
merge-merged-before = аллакай муттаҳид шудааст
merge-none-chosen = Аввал бастаеро бо пробел қайд кунед.
merge-checking = Санҷиши { $name } ({ $n } аз { $total })…
merge-merging = Муттаҳидсозии { $name } ({ $n } аз { $total })…
merge-progress = Муттаҳидсозии { $name }: { $done } аз { $count } ҷаласа…
merge-preview-heading = Санҷида шуд. Ҳоло чизе навишта нашудааст.
merge-preview-note = Enter бастаҳои аз санҷиш гузаштаро муттаҳид мекунад; Esc бе муттаҳидсозӣ бармегардад. Ҳар баста бо ҳолати ҳозираи пойгоҳ муқоиса мешавад.
merge-done-heading = Муттаҳид шуд.
merge-checked-status = Санҷида шуд: чизе навишта нашуд. Enter муттаҳид мекунад, Esc бармегардад.
merge-nothing-to-apply = Чизе барои муттаҳидсозӣ нест: ҳамаи бастаҳо рад шудаанд ё аллакай муттаҳид шудаанд.
merge-done-status = { $count } баста муттаҳид шуд.
merge-done-conflicts = { $count } баста муттаҳид шуд, { $conflicts } ихтилоф барои ҳал: c-ро пахш кунед.
merge-new = нав { $count }
merge-updated = навшуда { $count }
merge-reviewed = аз ҷониби роҳбар санҷида { $count }
merge-unchanged = бетағйир { $count }
merge-kept = худӣ навтар { $count }
merge-conflicts = ихтилофҳо { $count }
merge-already = Аллакай { $at } муттаҳид шудааст: коре нест.
merge-warning = огоҳӣ:
merge-rejected = Рад шуд: аз ин баста чизе муттаҳид намешавад.
merge-more-problems = … ва боз { $count }
merge-failed = Хато, аз ин баста чизе навишта нашуд:
merge-missing = Бастаҳое, ки ҳоло нарасидаанд:
merge-none-missing = Ягон бастаи гумшуда нест.
conflicts-title = Ихтилофҳо
conflicts-none = Ихтилофи кушода нест.
conflicts-none-ever = Ҳоло ягон ихтилоф набуд.
conflicts-count = { $count } ихтилофи кушода
conflict-title = Ихтилоф
conflict-from = Аз куҷо
conflict-state = Ҳолат
conflict-open = кушода
conflict-resolved-incoming = воридшуда гирифта шуд ({ $by })
conflict-resolved-local = худӣ монд ({ $by })
conflict-field = Майдон
conflict-local = Ин пойгоҳ
conflict-incoming = Воридшуда
conflict-case = Парванда
conflict-allegation = Иддао
conflict-differing = { $count } майдон фарқ мекунад (≠)
conflict-confirm-incoming = Версияи воридшударо гирифтан? Он версияи ин пойгоҳро иваз мекунад. Интихоби шумо бо коди шумо ва вақт сабт мешавад. y: ҳа · n: не
conflict-confirm-local = Версияи ин пойгоҳро нигоҳ доштан? Версияи воридшуда дар назди ихтилоф нигоҳ дошта мешавад. Интихоби шумо бо коди шумо ва вақт сабт мешавад. y: ҳа · n: не
conflict-kept-incoming = Ҳал шуд: ҷаласа акнун версияи воридшударо дорад.
conflict-kept-local = Ҳал шуд: ҷаласа версияи ин пойгоҳро нигоҳ дошт.
batch-ref = { $monitor } № { $seq }
