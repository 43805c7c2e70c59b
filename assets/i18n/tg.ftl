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
