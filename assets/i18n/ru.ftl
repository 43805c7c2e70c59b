# courtwatch — строки интерфейса (русский). Все ключи есть также в en.ftl и tg.ftl.

read-only = только чтение
too-small = Терминал слишком мал. Для courtwatch нужно не менее { $width } × { $height } (столбцы × строки): увеличьте окно или уменьшите размер шрифта.

status-draft = черновик
status-final = завершено
status-reviewed = проверено

## Первый запуск и разблокировка
first-run-title = Новая база данных
first-run-intro = Добро пожаловать. Всё, что вы записываете, хранится в зашифрованной базе данных на этом ноутбуке. Введите свой код наблюдателя и имя, затем выберите парольную фразу.
first-run-code = Код наблюдателя
first-run-name = Ваше имя
first-run-org = Организация
first-run-passphrase = Парольная фраза
first-run-repeat = Повторите парольную фразу
first-run-strength = Надёжность:
strength-weak = низкая — используйте более длинную фразу из нескольких слов
strength-fair = средняя — более длинная фраза была бы надёжнее
strength-strong = высокая
first-run-warning = Парольную фразу невозможно восстановить. Если она утеряна, записи в этой базе данных тоже будут потеряны. Храните её в памяти, а не на бумаге в сумке с ноутбуком.
first-run-need-profile = Введите код наблюдателя и своё имя.
first-run-too-short = Парольная фраза должна содержать не менее 8 символов.
first-run-mismatch = Парольные фразы не совпадают. Введите парольную фразу ещё раз.
unlock-title = Разблокировка
unlock-prompt = Парольная фраза:
unlock-wrong = Неверная парольная фраза. Попробуйте ещё раз.
lock-title = Заблокировано
lock-hint = Экран заблокирован. Введите парольную фразу и нажмите Enter.

## Список заседаний
list-title = Заседания
list-date = Дата
list-court = Суд
list-case = Дело
list-status = Статус
list-flags = Отметки
list-count = { $total ->
    [one] { $total } заседание
    [few] { $total } заседания
    [many] { $total } заседаний
   *[other] { $total } заседания
}
list-empty = Заседаний пока нет. Нажмите n, чтобы записать заседание.
list-empty-read-only = В этой базе нет заседаний.
list-lead-key-hint = Ключи для запечатанных пакетов: попросите руководителя вашей группы юридической помощи дать вам вывод команды `courtwatch keys show --recipient` (файл), сверьте с ним отпечаток вслух, затем выполните `courtwatch keys add ФАЙЛ`. Так же передайте руководителю свой ключ подписи из `courtwatch keys show`. До тех пор пакеты запечатываются паролем (COURTWATCH_BATCH_PASSPHRASE).
list-no-match = Ни одно заседание не соответствует поиску или фильтрам.
list-searching = поиск:
list-search-prompt = Поиск:
list-flags-legend = A заявление · C закрытое · N без защитника · F дальнейшие действия

## Заседание
tab-details = Заседание
tab-people = Участники
tab-checklist = Чек-лист
tab-allegations = Заявления
tab-timeline = Хронология
hearing-new = новое заседание
hearing-final-note = завершённая запись: изменения сохраняются по версиям и фиксируются в журнале
hearing-finalised = Запись заседания завершена.
hearing-problems = { $count ->
    [one] Перед завершением нужно исправить { $count } замечание.
    [few] Перед завершением нужно исправить { $count } замечания.
    [many] Перед завершением нужно исправить { $count } замечаний.
   *[other] Перед завершением нужно исправить { $count } замечания.
}
problems-title = Исправьте перед завершением — Enter переходит к полю
form-required = обязательно
form-comment-required = нужен комментарий
form-invalid = недопустимое значение
form-not-applicable = ответ на вопрос, которого в этой записи нет; очистите поле
form-date-hint = дата в виде ГГГГ-ММ-ДД, Ctrl-N — сегодня
form-time-hint = время в виде ЧЧ:ММ, Ctrl-N — сейчас
form-number-hint = число
form-choice-hint = Enter: выбрать из списка
picker-hint = Вводите текст, чтобы сузить список: название на любом языке или код.
key-pick = взять выделенное
key-pick-marked = взять отмеченные (или выделенное)
key-cancel = отмена
key-open-choices = открыть список
key-close-unchanged = закрыть, оставить как есть
key-reason-save = указать причину и внести изменение
key-reason-cancel = не вносить изменение
reason-empty = Сначала укажите причину: завершённая запись без неё не изменяется.
reason-cancelled = Ничего не изменено.
timeline-stamped = Время отмечено: { $time }; выберите, что произошло, или Esc, чтобы назвать позже.
timeline-unnamed-hint = не названо: вводите текст или ↓, чтобы выбрать
key-quit-ask = выйти (с вопросом)
quit-ask = Выйти из courtwatch? Всё введённое сохранено. y или Enter — выйти; n или Esc — вернуться.
error-read-only = База данных открыта только для чтения; это изменение не внесено.
people-empty = Пока никто не записан. Ctrl-A — добавить подсудимого, Ctrl-V — потерпевшего, Ctrl-W — свидетеля.
people-at-hearing = на этом заседании
people-charge = обвинение
people-consent = согласие
checklist-empty = К этому заседанию не относится ни один пункт чек-листа.
checklist-comment = Комментарий
allegations-empty = Заявлений не записано. Ctrl-A добавляет заявление, если в суде заявлено о пытках или жестоком обращении.
allegation-followup = Дальнейшие действия
allegation-one = это заявление
allegation-who = Кто сделал заявление?
allegation-no-person = — никто из записанных участников
timeline-empty = Событий пока нет. Ctrl-T отмечает текущее время в любом месте заседания.
timeline-time = Время
timeline-event = Событие
timeline-note = Примечание
timeline-dialog = Событие в
confirm-title = Подтвердите
confirm-delete = Удалить { $what }? Это действие нельзя отменить.
confirm-delete-event = Удалить это событие? Это действие нельзя отменить.
reason-title = Изменение завершённой записи
reason-prompt = Эта запись завершена. Кратко укажите, почему вы её изменяете (это сохранится в журнале изменений), затем нажмите Enter.

## Справка
help-title = Клавиши
help-this-screen = На этом экране
help-everywhere = Везде
help-close = { $keys }: закрыть эту справку.
help-scroll = { $keys }: ещё

## Клавиши
key-help = справка
key-lock = блокировка
key-quit = выход
key-next-field = след. поле
key-prev-field = пред. поле
key-next-item = след. вопрос
key-prev-item = пред. вопрос
key-create = создать
key-unlock = разблокировать
key-new-hearing = новое заседание
key-open = открыть
key-search = поиск
key-apply-search = найти
key-clear-search = сбросить поиск
key-up = вверх
key-down = вниз
key-page-up = стр. вверх
key-page-down = стр. вниз
key-first = в начало
key-last = в конец
key-language = язык
key-tab-details = заседание
key-tab-people = участники
key-tab-checklist = чек-лист
key-tab-allegations = заявления
key-tab-timeline = хронология
key-stamp = отметить время
key-finalise = завершить
key-back = назад
key-stats-breakdown = разбивка
key-choose = выбрать
key-choose-next = выбрать / следующее поле
key-clear-choice = очистить
key-now = сейчас
key-clear-text = очистить поле (в тексте: строку)
key-delete-word = удалить слово перед курсором
key-jump = к полю
key-close = закрыть
key-yes = да
key-no = нет
key-save = сохранить
key-add-defendant = добавить подсудимого
key-add-victim = добавить потерпевшего
key-add-witness = добавить свидетеля
key-add-charge = добавить обвинение
key-add-consent = добавить согласие
key-remove = удалить
key-prev-person = пред. участник
key-next-person = след. участник
key-answer-yes = да
key-answer-no = нет
key-answer-partly = частично
key-answer-not-observed = не наблюдалось
key-answer-not-applicable = неприменимо
key-clear-answer = сбросить ответ
key-comment = комментарий
key-comment-done = готово
key-comment-next = готово, следующий вопрос
key-add-allegation = добавить заявление
key-add-followup = добавить действие
key-prev-allegation = предыдущее
key-next-allegation = следующее
key-edit-event = исправить
key-delete-event = удалить

## Настройки
settings-title = Настройки
settings-language = Язык
settings-lock = Блокировать экран через
settings-minutes = { $count ->
    [one] { $count } минуту без нажатий
    [few] { $count } минуты без нажатий
    [many] { $count } минут без нажатий
   *[other] { $count } минуты без нажатий
}
language-en = English
language-ru = Русский
language-tg = Тоҷикӣ
key-settings = настройки
key-previous-value = пред. значение
key-next-value = след. значение

## Detail view
detail-title = Заседание
detail-printed = Сохранено в файл { $path }
key-view = просмотр
key-print = в файл
key-print-sealed = запечатанным
key-print-plain = открытым текстом, без закрытых полей
key-print-plain-all = открытым текстом, всё
print-title = Сохранить это заседание в файл вне зашифрованной базы:
print-sealed = запечатать как пакет: открыть его смогут только руководители вашей группы юридической помощи (в нём всё)
print-plain = открытым текстом без закрытых полей (имён, контактов и медицинских сведений)
print-plain-all = открытым текстом со всем, включая закрытые поля
print-warning = Открытый текст: любой, у кого окажется диск или флешка, прочтёт дело, анкету, заявления и описания, а если сохранить всё — и все имена, контакты и медицинские сведения. Выберите «запечатанным», если открытый текст не нужен.
print-read-only = База открыта только для чтения, поэтому файл нельзя записать в её журнал выгрузок: ничего не записано. Откройте базу без --read-only, чтобы сохранить файл.
print-no-lead = В списке ключей нет ключа руководителя, поэтому файл нельзя запечатать здесь: добавьте ключ руководителя командой `courtwatch keys add ФАЙЛ` или задайте COURTWATCH_BATCH_PASSPHRASE. Ничего не записано.
settings-outputs = Файлы, записанные вне базы: { $count } (все: courtwatch outputs)
output-batch = пакет
output-printout = заседание в файле
output-report = отчёт
output-sealed = запечатан
output-plain = ОТКРЫТЫЙ ТЕКСТ
output-redacted = обезличен
key-edit = изменить

## Фильтры и сортировка
list-region = Регион
list-judge = Судья
list-stage = Стадия
list-monitor = Наблюдатель
list-filtered = фильтр (f)
filter-title = Фильтр заседаний
filter-from = С даты
filter-to = По дату
filter-court = Суд
filter-region = Регион
filter-judge = Судья (часть имени)
filter-monitor = Код наблюдателя
filter-tag = Тематика дела
filter-article = Статья (напр. 143-1)
filter-status = Статус
filter-search = Слова поиска
filter-withheld = (задан; не печатается, так как может называть человека)
filter-none = Все заседания (без фильтра)
stats-interval = 95% интервал
stats-filter = Фильтр
key-filter = фильтр
key-sort = сортировать по след. столбцу
key-sort-reverse = обратный порядок
key-apply-filter = применить
key-clear-filter = очистить всё

## Статистика
stats-title = Статистика
stats-note = Доли считаются без ответов «не наблюдалось» и «неприменимо» в знаменателе; за каждой долей — её 95% интервал.
key-statistics = статистика
# Статистика: названия групп и показателей, единицы
stats-group-counts = Количество
stats-group-timeliness = Своевременность
stats-group-openness = Открытость
stats-group-innocence = Презумпция невиновности
stats-group-defence = Защита
stats-group-language = Язык
stats-group-torture = Заявления о пытках и жестоком обращении
stats-group-checklist = Контрольный список: доля несоблюдения по пунктам
stats-group-outcomes = Решения
stats-group-gbv = Гендерное насилие
stats-group-quality = Качество данных
stats-group-trials = Процессы
stats-counts-hearings = Наблюдаемые заседания
stats-counts-took_place = Состоялись
stats-counts-did_not_take_place = Не состоялись
stats-counts-cases = Дела
stats-counts-defendants = Подсудимые
stats-counts-courts = Суды
stats-counts-regions = Регионы
stats-counts-judges = Судьи
stats-counts-monitors = Наблюдатели
stats-trials-monitored = Процессов под наблюдением
stats-trials-hearings_per_trial = Медиана заседаний на процесс
stats-trials-most_hearings = Больше всего заседаний одного процесса
stats-trials-days_to_verdict = Медиана дней от первого заседания процесса до приговора
stats-trials-with_allegation = Процессы с заявлением о пытках или жестоком обращении
stats-trials-outcomes = Исходы процессов
stats-trials-group = Процессы с заседанием, где не соблюдено «{ $group }»
stats-timeliness-started_late = Начались с опозданием (> { $minutes } мин)
stats-timeliness-median_delay = Медианная задержка
stats-timeliness-max_delay = Наибольшая задержка
stats-timeliness-postponed = Отложены
stats-timeliness-hearings_per_case = Заседаний на дело
stats-timeliness-days_to_verdict = Медиана дней от первого заседания до приговора
stats-openness-closed = Закрыты для публики
stats-openness-closed_entire = Закрыты полностью
stats-openness-closed_partly = Закрыты частично
stats-openness-closure_reasoned = Закрытие решено и обосновано в открытом заседании
stats-openness-monitor_access_incidents = Препятствия доступу наблюдателя
stats-openness-outside_courtroom = Проведены вне зала суда
stats-openness-verdict_public = Приговор оглашён публично
stats-openness-relatives_denied = Родственников не допустили
stats-innocence-caged = Подсудимый в клетке или стеклянном боксе
stats-innocence-restrained = Подсудимый в наручниках или кандалах
stats-innocence-prison_clothing = Подсудимый в тюремной одежде
stats-defence-counsel_present = Защитник присутствовал
stats-defence-counsel_absent = Защитник отсутствовал
stats-defence-mandatory_defence_gap = Обязательная защита без защитника
stats-language-interpretation_needed = Нуждались в переводе
stats-language-interpretation_inadequate = Без перевода или с частичным переводом
stats-language-interpretation_none = Без перевода
stats-language-interpretation_partial = Частичный или краткий перевод
stats-torture-allegations = Заявления
stats-torture-hearings_with_allegation = Заседания с заявлением
stats-torture-defendants_alleging = Подсудимые, заявившие о пытках или жестоком обращении
stats-torture-alleged_by_sex = Заявления по полу
stats-torture-alleged_by_minors = Заявления несовершеннолетних
stats-torture-agency = Заявления по ведомству
stats-torture-methods = Заявления по методу
stats-torture-purposes = Заявления по цели
stats-torture-judicial_reaction = Любая реакция судьи
stats-torture-exam_ordered = Назначена медицинская экспертиза
stats-torture-evidence_excluded = Оспоренные доказательства исключены
stats-torture-investigation_opened = Начата проверка или расследование
stats-torture-outcome_chain = Достигнутые этапы реагирования
stats-outcomes-verdicts = Приговоры
stats-outcomes-conviction_rate = Обвинительные приговоры
stats-outcomes-sentence_types = Наказания по виду
stats-outcomes-median_prison_term = Медианный срок лишения свободы
stats-outcomes-detention_decisions = Решения о мере пресечения
stats-outcomes-detention_ordered = Арест избран или продлён
stats-gbv-hearings = Заседания по делам о гендерном насилии
stats-gbv-victim_represented = Потерпевшая сторона с адвокатом
stats-gbv-protective_measures = Применены меры защиты
stats-gbv-pressure_to_reconcile = Давление с целью примирения (GBV-05)
stats-gbv-stereotyping = Стереотипные высказывания не пресечены (GBV-04)
stats-gbv-closed_for_victim = Закрыты для защиты потерпевшей стороны
stats-quality-reviewed = Проверены
stats-quality-entered_after_hearing = Внесены после заседания
stats-quality-not_observed = Ответы «не наблюдалось» в контрольном списке
stats-unit-hearings = засед.
stats-unit-minutes = мин
stats-unit-days = дн.
stats-unit-years = г.
stats-by-code = по категориям
stats-by-court = по судам
stats-by-region = по регионам
stats-by-judge = по судьям
stats-by-month = по месяцам
stats-by-monitor = по наблюдателям
stats-checklist-footnote = Доли — это «нет» + «частично» среди ответов «да», «нет» и «частично»; «не наблюдалось» и «неприменимо» не входят в знаменатель и подсчитаны справа.
stats-table-footer = Как выбран каждый знаменатель, объяснено в поле `note` вывода `--format csv` или `--format json` и в README.
## Отчёты (courtwatch report и r на экране статистики)
report-title = Отчёт о мониторинге судебных процессов
report-generated = Дата отчёта
report-filter = Фильтр
report-scope = Фильтр и охват
report-hearings = Заседания
report-monitors = Наблюдатели
report-period = Период (месяцы заседаний)
report-by-group = По группам показателей.
report-by-right = По правам и статьям договоров, согласно правовым ссылкам пунктов чек-листа; остальные показатели — под статьёй, которую они измеряют.
report-col-figure = Показатель
report-col-numerator = Числитель
report-col-denominator = Знаменатель
report-col-share = Доля
report-col-value = Значение
report-col-note = Примечание
report-col-excluded = Не вошло в знаменатель
report-col-row = Разбивка
report-categories = по категориям
report-timeline = Заседания по месяцам
report-contents = Содержание
report-small = мало наблюдений (меньше { $n }): толковать осторожно
report-suppressed = скрыто: меньше { $n }
report-interval-note = Каждая доля дана с числителем, знаменателем и 95% интервалом (метод Уилсона): диапазоном, в котором лежит истинная доля, если нас не обманула случайность; чем меньше наблюдений, тем он шире.
report-consent-note = Никто не назван по имени: судьи пронумерованы (у одного судьи везде один номер), а люди названы, только если дали согласие на упоминание имени в отчётах.
report-public-note = Для публикации: ячейки разбивок меньше { $n } скрыты, а если скрыта одна ячейка, скрыта и следующая по величине, чтобы её нельзя было вычислить из итога.
report-internal-note = Не для публикации: малые ячейки разбивок показаны. Перед передачей создайте отчёт заново с --public.
report-small-note = Доли, посчитанные меньше чем по { $n } наблюдениям, отмечены.
report-notes-language = Примечания объясняют, как выбран каждый знаменатель.
report-judge = Судья { $n }
report-judge-unknown = Судья не указан
report-other-standards = Другие стандарты (без ссылки на статью договора)
report-treaty-ICCPR = Международный пакт о гражданских и политических правах
report-treaty-CAT = Конвенция против пыток
report-treaty-CRC = Конвенция о правах ребёнка
report-treaty-CEDAW = Комитет по ликвидации дискриминации в отношении женщин, общая рекомендация
report-written = Отчёт записан: { $path }
report-working = Отчёт записывается…
report-read-only = База открыта только для чтения, поэтому отчёт нельзя записать в её журнал выгрузок: ничего не записано. Откройте базу без --read-only, чтобы записать отчёт.
report-named-plain = В этом отчёте названы судьи: он записывается запечатанным, как пакет, а открытым файлом — только если открытый текст запрошен явно (--plaintext). Ничего не записано.
report-named-public = Отчёт с именами судей — для группы юридической помощи, не для публикации: уберите --public или --name-judges. Ничего не записано.
report-no-lead = В списке ключей нет ключа руководителя, поэтому отчёт нельзя запечатать здесь: добавьте ключ руководителя командой `courtwatch keys add ФАЙЛ` или задайте COURTWATCH_BATCH_PASSPHRASE. Ничего не записано.
report-consent-note-named = Судьи названы так, как записаны: этот отчёт — для группы юридической помощи, не для публикации. Остальные люди названы, только если дали согласие на упоминание имени в отчётах.
key-report-sealed = запечатанным, с именами судей
key-report-numbered = открытым, судьи пронумерованы
key-report-plain-named = открытым, с именами судей
report-ask-title = На экране судьи названы по именам. Записать отчёт:
report-ask-sealed = запечатать как пакет, с именами судей: открыть его смогут только руководители вашей группы юридической помощи
report-ask-numbered = открытым файлом для публикации, судьи пронумерованы (никто не назван)
report-ask-plain = открытым файлом с именами судей
report-ask-warning = Открытый текст с именами: любой, у кого окажется диск или флешка, прочтёт имя каждого судьи рядом с цифрами по его заседаниям. Выберите «запечатанным», если открытый текст не нужен.
key-report = отчёт (HTML)
key-report-xlsx = отчёт (XLSX)
## Пакеты: выгрузка, слияние, конфликты
key-export = выгрузка
key-merge = слияние
key-conflicts = конфликты
key-change = изменить
key-export-run = выгрузить
key-mark = отметить
key-mark-all = отметить все
key-check = проверить
key-folder = папка
key-look = искать в папке
key-batch-list = список пакетов
key-merge-apply = слить
key-show-resolved = и решённые
key-keep-local = оставить свою
key-keep-incoming = взять входящую
key-only-differences = только различия
key-take-field = взять поле из входящей
key-keep-field = оставить своё поле
key-save-fields = сохранить выбор
export-title = Выгрузка пакета
export-scope = Заседания
export-scope-since-last = изменённые после прошлого пакета
export-scope-all = все окончательные
export-scope-dates = между двумя датами
export-profile = Формат
export-profile-analysis = analysis: запятая, для R, Python и слияния
export-profile-excel = excel: точка с запятой, для Excel
export-redact = Скрыть имена
export-redact-no = нет: полные записи, для группы правовой помощи
export-redact-yes = да: имена заменены, для передачи вовне
export-folder = Папка
export-form = Вид
export-form-sealed = запечатан: один зашифрованный файл для { $count ->
        [one] { $count } руководителя из списка ключей
        [few] { $count } руководителей из списка ключей
       *[other] { $count } руководителей из списка ключей
    }
export-form-sealed-passphrase = запечатан паролем из COURTWATCH_BATCH_PASSPHRASE (ключа руководителя в списке ещё нет)
export-form-plain = ОТКРЫТЫЙ ТЕКСТ: папка, которую прочтёт любой
export-plain-warning = Внимание: в открытом виде любой, у кого окажется флешка или диск, прочтёт все имена, заявления о пытках, медицинские сведения и описания в этих файлах. Выбирайте «запечатан», если руководитель не просил открытый текст; «Скрыть имена» убирает закрытые поля.
export-no-lead = В списке ключей нет ключа руководителя, поэтому пакет нельзя запечатать здесь: добавьте ключ руководителя командой `courtwatch keys add ФАЙЛ` (сверив отпечаток) или задайте COURTWATCH_BATCH_PASSPHRASE. Ничего не записано.
export-last = Последний пакет: № { $seq }, записан { $at }, { $count ->
    [one] { $count } заседание
    [few] { $count } заседания
    [many] { $count } заседаний
   *[other] { $count } заседания
}.
export-last-none = Из этой базы ещё не выгружено ни одного пакета.
export-note = Enter записывает пакет внутри этой папки: один запечатанный файл или папку открытым текстом. Черновики не выгружаются. Выгруженные заседания запечатываются: следующая правка начнёт новую версию.
export-bad-date = Дату нужно писать как ГГГГ-ММ-ДД, например 2026-11-23.
export-need-dates = Укажите первую дату, последнюю или обе.
export-dates-order = Первая дата позже последней.
export-need-folder = Укажите папку, в которую записать пакет.
export-working = Выгрузка…
stats-working = Подсчёт статистики…
export-progress = Выгрузка… { $file }: строк { $rows }
export-nothing-since-last = Выгружать нечего: после прошлого пакета ни одно окончательное заседание не изменилось. Выберите «все окончательные», чтобы выгрузить всё заново.
export-nothing = Выгружать нечего: нет подходящих окончательных заседаний. Пакет не записан.
export-done = Пакет № { $seq } монитора { $monitor } записан: { $count ->
    [one] { $count } заседание
    [few] { $count } заседания
    [many] { $count } заседаний
   *[other] { $count } заседания
} ({ $profile }).
export-done-redacted = Имена и другие закрытые поля заменены или опущены.
export-done-status = Пакет записан в { $path }
export-files = Файлы
export-rows = { $count ->
    [one] { $count } строка
    [few] { $count } строки
    [many] { $count } строк
   *[other] { $count } строки
}
export-hearings = { $count ->
    [one] { $count } заседание
    [few] { $count } заседания
    [many] { $count } заседаний
   *[other] { $count } заседания
}
merge-title = Слияние пакетов
merge-folder = Папка
merge-choose-hint = Пробел отмечает пакеты · Enter проверяет их (ничего не записывается) · Tab: папка
merge-none-found = Здесь нет папок пакетов. Укажите папку с пакетами (например, на флешке) и нажмите Enter.
merge-unreadable = не читается
merge-merged-before = уже слит
merge-none-chosen = Сначала отметьте пакет пробелом.
merge-checking = Проверка { $name } ({ $n } из { $total })…
merge-merging = Слияние { $name } ({ $n } из { $total })…
merge-progress = Слияние { $name }: { $done } из { $count } заседаний…
merge-preview-heading = Проверено. Пока ничего не записано.
merge-preview-note = Enter сливает прошедшие проверку пакеты; Esc — назад без слияния. Каждый пакет сравнивается с базой в её нынешнем виде.
merge-done-heading = Слито.
merge-checked-status = Проверено: ничего не записано. Enter — слить, Esc — назад.
merge-nothing-to-apply = Сливать нечего: все пакеты отклонены или уже слиты.
merge-done-status = { $count ->
    [one] Слит { $count } пакет.
    [few] Слито { $count } пакета.
    [many] Слито { $count } пакетов.
   *[other] Слито { $count } пакета.
}
merge-done-conflicts = { $count ->
    [one] Слит { $count } пакет
    [few] Слито { $count } пакета
    [many] Слито { $count } пакетов
   *[other] Слито { $count } пакета
}, конфликтов для решения: { $conflicts }. Нажмите c.
merge-new = новых { $count }
merge-updated = обновлено { $count }
merge-reviewed = проверено лидером { $count }
merge-unchanged = без изменений { $count }
merge-kept = своя новее { $count }
merge-conflicts = конфликтов { $count }
merge-already = Уже слит { $at }: делать нечего.
merge-warning = внимание:
merge-courts-added = Добавлены суды: { $names }
merge-courts-to-add = Будут добавлены суды: { $names }
merge-joins = Объединения дел: новых { $added }, разъединено { $split }, ждут дела, которого здесь ещё нет: { $waiting } (следующий пакет принесёт их снова)
merge-rejected = Отклонён: из этого пакета ничего не сливается.
merge-more-problems = … и ещё { $count }
merge-failed = Ошибка, из этого пакета ничего не записано:
merge-missing = Ещё не получены пакеты:
merge-none-missing = Пропущенных пакетов нет.
conflicts-title = Конфликты
conflicts-none = Открытых конфликтов нет.
conflicts-none-ever = Конфликтов пока не было.
conflicts-count = Открытых конфликтов: { $count }
conflict-title = Конфликт
conflict-from = Откуда
conflict-state = Состояние
conflict-open = открыт
conflict-resolved-incoming = взята входящая ({ $by })
conflict-resolved-local = оставлена своя ({ $by })
conflict-field = Поле
conflict-local = Эта база
conflict-incoming = Входящая
conflict-case = Дело
conflict-allegation = Заявление
conflict-differing = Различающихся полей (≠): { $count }
conflict-confirm-incoming = Взять входящую версию? Она заменит версию в этой базе. Ваш выбор записывается с вашим кодом и временем. y: да · n: нет
conflict-confirm-local = Оставить версию этой базы? Входящая версия остаётся сохранённой при конфликте. Ваш выбор записывается с вашим кодом и временем. y: да · n: нет
conflict-kept-incoming = Решено: у заседания теперь входящая версия.
conflict-kept-local = Решено: у заседания осталась версия этой базы.
conflict-resolved-fields = выбраны поля ({ $by })
conflict-taken = Взято из входящей (→): { $count }
conflict-cannot-take = Эту строку нельзя взять отдельно: выберите поле, которое есть в обеих версиях.
conflict-confirm-fields = Сохранить новую версию: версия этой базы, в которой из входящей взято полей: { $count }? Ваш выбор записывается с вашим кодом и временем. y: да · n: нет
conflict-kept-fields = Решено: новая версия, полей из входящей версии: { $count }.
batch-ref = { $monitor } № { $seq }

# Erasing the database (courtwatch erase, settings)
erase-word = стереть
erase-warning = Стирание уничтожает эту базу навсегда: все заседания, черновики и настройки в ней, а также пакеты и распечатки, которые courtwatch сохранил рядом с ней. Отменить его нельзя.
erase-type-word = Введите слово «стереть», чтобы продолжить:

# Failed unlocks wait longer each time
unlock-wait = Подождите { $seconds } с до следующей попытки.
## Trials: the case view, the agenda and the case picker
case-title = Дело
case-no-number = (номер дела ещё не известен)
case-articles = Статьи
case-next = Следующее заседание
case-no-next = не назначено
case-joined = { $n ->
    [one] { $n } запись дела объединена в один процесс
    [few] { $n } записи дела объединены в один процесс
   *[many] { $n } записей дела объединены в один процесс
}
# A join of case records in the case view: the two records (last 8 characters of their ids), who, when.
case-join-made = Записи { $records } объединил { $who }, { $when }
case-join-split = Записи { $records } разделил { $who }, { $when }
case-hearings = Заседания
case-col-date = дата
case-col-stage = стадия
case-col-outcome = итог
case-col-monitor = монитор
case-col-status = статус
case-defendants = Каждый подсудимый по заседаниям (– не был на заседании, · не записано)
case-allegations = Заявления о пытках и жестоком обращении
case-followups = { $n ->
    [one] { $n } последующее действие
    [few] { $n } последующих действия
   *[many] { $n } последующих действий
}
case-checklist = Стандарты не соблюдены (нет или частично): на скольких заседаниях из ответивших и на каких
case-none = Ничего не записано.
agenda-title = Расписание
agenda-today = Сегодня
agenda-tomorrow = Завтра
agenda-week = На этой неделе
agenda-later = Позже
agenda-empty = Ни в одном процессе заседание с сегодняшнего дня не назначено.
pick-case-title = Следующее заседание какого процесса?
pick-case-hint = Введите номер дела, суд, код подсудимого или слово. Сначала ближайшие и недавние процессы.
pick-case-none = Такого процесса нет. Esc — назад; n в списке начинает новое дело.
key-next-hearing = следующее заседание
key-case = процесс
key-agenda = расписание
key-start-next = начать его следующее заседание
key-next-hearing-row = следующее заседание в списке
key-prev-hearing-row = предыдущее заседание в списке
key-left = прокрутка влево
key-right = прокрутка вправо
same-trial-title = Один процесс?
same-trial-intro = У этих дел один суд и один номер дела: возможно, это один процесс, записанный дважды (двумя наблюдателями или в двух пакетах). После объединения карточка дела, фильтры и статистика считают их одним процессом; ничего не удаляется и не меняется, `courtwatch cases split` отменяет объединение.
same-trial-none = Нет двух дел с одним судом и номером дела. `courtwatch cases join A B` объединяет любые два.
same-trial-hearings = { $count ->
    [one] { $count } заседание ({ $first })
    [few] { $count } заседания ({ $first } – { $last })
   *[other] { $count } заседаний ({ $first } – { $last })
}
same-trial-ask = Объединить эти два дела в один процесс?

    { $first }
    { $second }

    С объединением записываются ваш код и время. y: да · n: нет
same-trial-joined = Объединено в один процесс.
same-trial-after-merge = { $count ->
    [one] { $count } пара дел, возможно, один процесс, записанный дважды: нажмите s, чтобы посмотреть.
    [few] { $count } пары дел, возможно, один процесс, записанный дважды: нажмите s, чтобы посмотреть.
   *[other] { $count } пар дел, возможно, один процесс, записанный дважды: нажмите s, чтобы посмотреть.
}
key-join = объединить в один процесс…
key-same-trial = один процесс?

# Backups (settings)
settings-backup = Последняя копия
settings-backup-never = не делалась — нажмите b
settings-keys = Ключи запечатанных пакетов (их печатает courtwatch keys show)
settings-signing-key = Ключ подписи: отпечаток { $fingerprint }
settings-signing-key-none = Ключ подписи: ещё нет; он создаётся при первой выгрузке
settings-recipient = Получатель age (мониторы запечатывают для него): отпечаток { $fingerprint }
settings-recipient-none = Получатель age: нет (руководитель создаёт его командой courtwatch keys show --recipient)
settings-roster = Список ключей: руководителей { $leads }, мониторов { $monitors }
settings-no-lead = Чтобы запечатывать пакеты для руководителя: получите файл его ключа, сверьте отпечаток вслух с руководителем и выполните courtwatch keys add ФАЙЛ.
settings-backup-written = Резервная копия записана: { $path }
key-backup = сделать резервную копию (зашифрованную, в backups рядом с базой)

# Settings: backup reminder, passphrase change, erase
key-settings-open = открыть или выполнить пункт
key-settings-confirm = следующее поле, затем подтвердить
settings-remind = Напоминать о копии через
settings-remind-days = { $count ->
    [one] { $count } день черновиков без неё
    [few] { $count } дня черновиков без неё
   *[many] { $count } дней черновиков без неё
}
settings-pass = Парольная фраза
settings-pass-value = сменить…
settings-erase = Стереть базу
settings-erase-value = спросит парольную фразу и слово «стереть»
settings-pass-title = Смена парольной фразы
settings-pass-intro = База копируется под новой парольной фразой, проверяется и только затем ставится на место: если что-то прервёт смену на полпути, база по-прежнему откроется старой фразой. Сделанные раньше резервные копии остаются со старой фразой.
settings-pass-current = Текущая фраза
settings-pass-new = Новая фраза
settings-pass-need-current = Введите текущую парольную фразу.
settings-pass-changed = Парольная фраза изменена; старая больше не открывает базу.
erase-not-the-word = Ничего не стёрто: введено не слово «стереть».
list-backup-due = Нет резервной копии уже { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} (F9, b)

# Settings: erase after wrong passphrases (off by default)
settings-erase-after = Стирать после ошибок ввода
settings-erase-after-never = никогда (выключено)
settings-erase-after-count = { $count ->
    [one] { $count } неверная фраза подряд
    [few] { $count } неверные фразы подряд
   *[many] { $count } неверных фраз подряд
}
settings-erase-after-warning = Если это включено, { $count } неверных парольных фраз подряд — введённых вами в плохой день, коллегой или ребёнком — сотрут эту базу навсегда, без возможности вернуть. Храните резервную копию в другом месте. Это останавливает того, кто подбирает фразу на экране разблокировки, но не того, кто сначала скопирует файл.

# Суды, которые добавляет монитор (из списка судов)
key-add-court = добавить суд
key-add-court-save = добавить этот суд
court-add-none = В списке нет такого суда. Enter или Ctrl-N — добавить суд, которого нет в списке.
court-add-title = Добавить суд
court-add-hint = Суд, которого нет в списке. Он добавляется навсегда и передаётся в ваших пакетах, поэтому сначала проверьте название.
court-add-name = Название ({ $language })
court-add-level = Уровень
court-add-region = Регион
court-add-abroad = Другая страна
court-add-country = Страна
court-add-no-name = Укажите название суда.
court-add-no-country = Для суда другой страны укажите страну.
court-added = Суд добавлен: { $name }

## Как выбран знаменатель каждого показателя (его примечание), по id показателя; у пунктов чек-листа оно одно.
stats-note-counts-hearings = Заседания, отобранные фильтрами.
stats-note-counts-took_place = Заседания, которые были открыты (состоялись или начались и были отложены), из заседаний с записанным исходом.
stats-note-counts-did_not_take_place = Заседания, отложенные до начала, отменённые или не состоявшиеся по неизвестной причине, из заседаний с записанным исходом.
stats-note-counts-cases = Разные дела этих заседаний.
stats-note-counts-defendants = Разные подсудимые этих дел.
stats-note-counts-courts = Разные суды.
stats-note-counts-regions = Разные регионы этих судов.
stats-note-counts-judges = Разные председательствующие судьи, как они записаны.
stats-note-counts-monitors = Разные мониторы; разбивка даёт заседания каждого монитора.
stats-note-timeliness-started_late = Состоявшиеся заседания, у которых записаны и назначенное, и фактическое время начала; опоздание — больше порога (settings.late_after_minutes) после назначенного времени.
stats-note-timeliness-median_delay = Минуты от назначенного до фактического начала (0, если вовремя или раньше), по тем же заседаниям.
stats-note-timeliness-max_delay = Самая долгая задержка среди тех же заседаний.
stats-note-timeliness-postponed = Заседания, перенесённые на другой день (до или после начала, или отменённые), из заседаний с записанным исходом; причины — доли отложенных заседаний с записанными причинами (у одного заседания их может быть несколько).
stats-note-timeliness-hearings_per_case = Число заседаний, делённое на число разных дел.
stats-note-timeliness-days_to_verdict = Дни от первого наблюдавшегося заседания по делу до заседания, на котором оглашён приговор, по этим заседаниям.
stats-note-openness-closed = Заседания, закрытые для публики полностью или частично, из состоявшихся заседаний с записанным доступом публики.
stats-note-openness-closed_entire = Заседания, закрытые полностью, из тех же заседаний.
stats-note-openness-closed_partly = Заседания, закрытые частично, из тех же заседаний.
stats-note-openness-closure_reasoned = Закрытые заседания, решение о закрытии которых вынесено и мотивировано в открытом заседании, из закрытых заседаний, где это записано; основания — доли закрытых заседаний с записанным основанием.
stats-note-openness-monitor_access_incidents = Заседания, на которых монитор встретил любое препятствие, из заседаний с записанным доступом монитора; виды — доли этих заседаний (у одного заседания их может быть несколько).
stats-note-openness-outside_courtroom = Заседания, проведённые не в зале суда, из состоявшихся заседаний с записанным местом.
stats-note-openness-verdict_public = Приговоры, оглашённые публично, из заседаний с оглашённым приговором, где это записано.
stats-note-openness-relatives_denied = Заседания, на которые родственников не пустили, из заседаний, где это записано.
stats-note-innocence-caged = Присутствия подсудимых (лично или по видеосвязи) в металлической клетке или стеклянном боксе, из присутствий с записанным местом; «не видно» не входит в знаменатель.
stats-note-innocence-restrained = Присутствия подсудимых в наручниках или кандалах, из присутствий с записанными средствами сдерживания; «неизвестно» не входит в знаменатель.
stats-note-innocence-prison_clothing = Присутствия подсудимых в тюремной одежде или с бритой головой, из присутствий, где это записано.
stats-note-defence-counsel_present = Присутствия подсудимых с защитником на всём заседании, из присутствий, где это записано; виды защиты — доли присутствий с записанным видом.
stats-note-defence-counsel_absent = Присутствия подсудимых без защитника, из тех же присутствий.
stats-note-defence-mandatory_defence_gap = Присутствия подсудимых с обязательной защитой без защитника, из этих присутствий с записанным присутствием защитника.
stats-note-language-interpretation_needed = Участники заседаний (любой роли), которым нужен был перевод, из тех, у кого перевод записан.
stats-note-language-interpretation_inadequate = Из нуждавшихся в переводе: перевода не было, или он был частичным или кратким.
stats-note-language-interpretation_none = Из нуждавшихся в переводе: перевода не было.
stats-note-language-interpretation_partial = Из нуждавшихся в переводе: только частичный или краткий перевод.
stats-note-torture-allegations = Заявления о пытках или жестоком обращении, сделанные на заседаниях (одно на человека на заявление).
stats-note-torture-hearings_with_allegation = Состоявшиеся заседания, на которых прозвучало хотя бы одно заявление, из состоявшихся заседаний.
stats-note-torture-defendants_alleging = Разные подсудимые, сделавшие заявление, из разных подсудимых этих дел.
stats-note-torture-alleged_by_sex = Заявления по полу заявившего.
stats-note-torture-alleged_by_minors = Заявления несовершеннолетних, из заявлений, где записан возраст или несовершеннолетие заявившего.
stats-note-torture-agency = Заявления с записанным ведомством исполнителей, по ведомствам.
stats-note-torture-methods = Заявления с записанными методами, по методам верхнего уровня (в одном заявлении их может быть несколько).
stats-note-torture-purposes = Заявления с записанными целями, по целям (в одном заявлении их может быть несколько).
stats-note-torture-judicial_reaction = Заявления, на которые судья как-либо отреагировал (всё, кроме игнорирования, отклонения как тактики защиты, упрёка или угрозы подсудимому, или принятия отрицания прокурора без проверки), из заявлений с записанной реакцией судьи; одно «не наблюдалось» не входит в знаменатель.
stats-note-torture-exam_ordered = Заявления, после которых назначена медицинская экспертиза, из заявлений, где это записано.
stats-note-torture-evidence_excluded = Заявления, оспоренные доказательства по которым исключены, из заявлений с записанным решением; «неизвестно» не входит в знаменатель.
stats-note-torture-investigation_opened = Заявления с последующим действием, показывающим начатую проверку или уголовное дело (или обвинённых либо осуждённых должностных лиц), из всех заявлений.
stats-note-torture-outcome_chain = Все заявления и сколько из них дошло до каждого шага последующих действий.
stats-note-checklist = Ответы «нет» или «частично» из ответов «да», «нет» и «частично»; «не наблюдалось» и «неприменимо» не входят в знаменатель.
stats-note-outcomes-verdicts = Заседания, на которых оглашён приговор и он записан, по видам приговора.
stats-note-outcomes-conviction_rate = Приговоры с осуждением хотя бы по одному обвинению (обвинительный или частично оправдательный), из записанных приговоров.
stats-note-outcomes-sentence_types = Обвинительные приговоры с записанным видом наказания, по видам.
stats-note-outcomes-median_prison_term = Годы лишения свободы (записанные годы и месяцы) по приговорам к лишению свободы с записанным сроком.
stats-note-outcomes-detention_decisions = Заседания, на которых решался вопрос о мере пресечения и решение записано, по решениям.
stats-note-outcomes-detention_ordered = Решения об избрании или продлении содержания под стражей, из тех же решений.
stats-note-gbv-hearings = Состоявшиеся заседания по делам с пометкой о гендерном или сексуальном насилии.
stats-note-gbv-victim_represented = Заседания по делам о ГОН, на которых у потерпевшей был адвокат (частный, центра правовой помощи или НПО), из заседаний по делам о ГОН с потерпевшей, представительство которой записано.
stats-note-gbv-protective_measures = Присутствия потерпевших на заседаниях по делам о ГОН с любой мерой защиты, из присутствий с записанными мерами.
stats-note-gbv-pressure_to_reconcile = Пункт GBV-05 с ответом «нет» или «частично» (на потерпевшую давили, чтобы она примирилась или отозвала заявление), из его ответов «да», «нет» и «частично»; «не наблюдалось» и «неприменимо» не учитываются.
stats-note-gbv-stereotyping = Пункт GBV-04 с ответом «нет» или «частично» (обвинения жертвы или стереотипные высказывания не пресекались), из его ответов «да», «нет» и «частично»; «не наблюдалось» и «неприменимо» не учитываются.
stats-note-gbv-closed_for_victim = Заседания по делам о ГОН, закрытые для защиты потерпевшей (для неё записана мера защиты «закрытое заседание»), из заседаний по делам о ГОН.
stats-note-quality-reviewed = Заседания, отмеченные руководителем группы как проверенные, из всех заседаний.
stats-note-quality-entered_after_hearing = Заседания, внесённые позже по бумажным записям, из заседаний, где это записано.
stats-note-quality-not_observed = Ответы чек-листа «не наблюдалось» из всех данных ответов чек-листа.
stats-note-trials-monitored = Разные процессы этих заседаний; две записи дела, объединённые руководителем, считаются одним процессом.
stats-note-trials-hearings_per_trial = Заседания на процесс среди заседаний, отобранных фильтрами, по этим процессам.
stats-note-trials-most_hearings = Наибольшее число заседаний одного процесса среди тех же процессов.
stats-note-trials-days_to_verdict = Дни от первого наблюдавшегося заседания процесса до его последнего заседания с оглашённым приговором, по завершённым процессам.
stats-note-trials-with_allegation = Процессы, на одном из заседаний которых записано заявление о пытках или жестоком обращении, из процессов.
stats-note-trials-outcomes = Завершённые процессы с записанным приговором, по приговору их последнего заседания с приговором.
stats-note-trials-group = Процессы хотя бы с одним заседанием, где пункт этой группы получил ответ «нет» или «частично», из процессов, где на пункт ответили «да», «нет» или «частично».
stats-note-trials-checklist = Процессы хотя бы с одним заседанием, где пункт получил ответ «нет» или «частично», из процессов, где на него ответили «да», «нет» или «частично».

## A batch's problems (verify, merge): each follows its file, line and column.
batch-missing = отсутствует
batch-not-plain-file = это { $what }, а не обычный файл; в пакете бывают только обычные файлы, поэтому он не прочитан
batch-what-fifo = именованный канал (FIFO)
batch-what-device = устройство
batch-what-socket = сокет
batch-what-symlink = символическая ссылка
batch-what-folder = папка
batch-what-other = не файл
batch-what-outside = имя за пределами папки пакета
batch-too-large = занимает { $size } байт, больше, чем может такой файл ({ $max }); он не прочитан
batch-cannot-read = не читается: { $error }
batch-sums-bad-line = не строка вида `<sha256>  <имя файла>`, называющая файл пакета
batch-does-not-list = не упоминает { $name }
batch-sha-vs-sums = SHA-256 равна { $actual }, а в SHA256SUMS указано { $expected }: файл изменён или повреждён
batch-sha-vs-manifest = SHA-256 равна { $actual }, а в манифесте указано { $expected }: файл изменён или повреждён
batch-unknown-listed-file = упоминает неизвестный файл { $name }
batch-size-vs-manifest = занимает { $bytes } байт, а в манифесте указано { $expected }: файл обрезан или изменён
batch-bom-unexpected = начинается с метки порядка байтов (BOM), а по манифесту её нет
batch-bom-missing = не начинается с метки порядка байтов (BOM), а по манифесту она есть
batch-delimiter = разделяет столбцы знаком { $found }, а в манифесте указан { $said }
batch-cell-too-long = в ячейке { $bytes } байт, больше, чем может быть в ячейке пакета ({ $max } байт, 4 МиБ)
batch-control-character = содержит управляющий символ { $code }; в пакете допустимы только текст, переводы строк и табуляция
batch-not-utf8 = не является текстом в UTF-8 (неверный байт после { $valid } байт ячейки); сохраните файл в UTF-8
batch-redacted-not-merged = этот пакет обезличен (имена и другие поля ограниченного доступа заменены или убраны); при слиянии псевдонимы встали бы на место настоящих записей, поэтому он не сливается
batch-monitor-code-taken = код монитора { $code } здесь принадлежит другому монитору ({ $other }); у них должны быть разные коды
batch-unsigned = без подписи
batch-signed-by = с подписью { $fingerprint }
batch-signer-changed = пакет { $batch } уже был слит { $was }; эта копия { $now }: одна из двух не то, за что себя выдаёт, поэтому пакет не слит
batch-unknown-signer = подписан ключом, которого нет в списке ключей этой базы (отпечаток { $fingerprint }, монитор { $monitor }): попросите монитора зачитать отпечаток, который показывает `courtwatch keys show`; если он совпадает, доверьтесь ключу (`merge --trust { $fingerprint }`) и повторите слияние
batch-or = или
batch-empty-file = пуст: нет строки заголовков
batch-cell-count = ячеек в строке: { $cells }, а столбцов в заголовке: { $want } (файл обрезан или ячейка без кавычек?)
batch-row-count = строк данных в файле: { $rows }, а в манифесте указано { $expected }: файл обрезан или изменён
batch-orphan = { $column }: в { $file } нет строки с uuid { $parent } (нет родительской записи)
batch-orphan-anywhere = { $column }: в этом пакете нет строки с uuid { $parent } (нет родительской записи)
batch-out-of-place = { $column }: строка не на своём месте; строки идут группами при своём заседании, в порядке hearings.csv
batch-case-misplaced = case_uuid: дела { $case } нет в cases.csv там, где ему место (при первом из его заседаний)
batch-hearings-unordered = заседания идут не по порядку UUID
batch-party-twice = участник { $party } указан дважды для заседания { $hearing }
batch-item-twice = на пункт { $item } дважды дан ответ для заседания { $hearing }
batch-item-twice-for-party = на пункт { $item } дважды дан ответ для заседания { $hearing } и участника { $party }
batch-case-without-hearing = у дела { $case } нет заседания в этом пакете
batch-more-without-place = ещё строк без места после строки { $line }: { $more }
batch-party-other-case = party_uuid: участник { $party } относится к делу { $other }, а не к делу заседания { $case }
batch-uuid-twice = uuid { $uuid } встречается дважды (впервые в строке { $first })
batch-hearing-order = uuid: заседания должны идти по порядку UUID, как их пишет courtwatch ({ $uuid } идёт после { $previous })
batch-unknown-monitor = monitor_uuid { $monitor } нет среди мониторов манифеста
batch-hearing-count = указывает, что заседаний в пакете { $said }, а в hearings.csv их { $found }
batch-signature-other-batch = заверяет { $comment }, а не этот пакет ({ $ours }): подпись от другого пакета
batch-signature-without-key = не называет ключ подписи, но у пакета есть подпись; её нельзя проверить
batch-signature-missing = отсутствует: манифест называет ключ подписи, но у пакета нет подписи
batch-sealed-unsigned = отсутствует: запечатанный пакет должен быть подписан монитором, который его записал
batch-older-form-versions = пакет записан с более старыми версиями форм, чем у этого courtwatch; его заседания проверяются по полям тех версий
batch-internal-sums = не удалось проверить (внутренняя ошибка)
batch-internal-hashes = не удалось проверить хеши содержимого (внутренняя ошибка)
batch-hash-mismatch = content_hash: заседание { $hearing } ему не соответствует: хеш его содержимого { $actual }; запись, изменённая после запечатывания, не принимается
batch-item-not-per-defendant = пункт { $item } задаётся не по каждому подсудимому, но в ответе указан party_uuid
batch-item-party-not-defendant = пункт { $item } задаётся по каждому подсудимому, но участник { $party } не подсудимый по делу
batch-row-of-hearing = строка с uuid { $row } (заседания { $hearing }, статус: { $status }): { $why }
batch-field-required = { $field } обязательно, но пусто
batch-field-invalid = { $field } не подходит для своего поля
batch-field-not-applicable = { $field } содержит значение, но применяется, только когда { $condition } равно { $values }
batch-field-not-applicable-anywhere = { $field } содержит значение там, где оно не применяется
batch-stale-values = записан courtwatch { $app }, формы которого оставляли значения в неприменимых полях (ошибки ниже); новый courtwatch удаляет их, когда открывает базу монитора: монитору нужно обновить courtwatch, выполнить `courtwatch export --all` и прислать вам тот пакет вместо этого
batch-comment-required = на пункт { $item } ответ «нет» или «частично» без нужного комментария
batch-comment-required-for-party = на пункт { $item } для участника { $party } ответ «нет» или «частично» без нужного комментария
batch-hearing-would-not-finalise = заседание { $hearing } имеет статус «{ $status }», но не прошло бы завершение: { $what }
batch-row-would-not-finalise = строка с uuid { $row } (заседания { $hearing }, статус: { $status }) не прошла бы завершение: { $what }
batch-codebook-header = заголовок не { $header }
batch-codebook-rows = строк данных в файле: { $rows }, а в манифесте указано { $expected }
batch-column-missing = нет столбца { $column }
batch-column-twice = столбец { $column } встречается дважды
batch-column-unknown = неизвестный столбец { $column }
batch-nil-uuid = нулевой UUID (все нули); у каждой записи должен быть собственный идентификатор
batch-unknown-code = неизвестный код { $value } (список { $list })
batch-uuid-empty = пусто; нужен UUID
batch-not-uuid = { $value } не является UUID
batch-draft = черновик; в пакетах бывают только завершённые и проверенные заседания
batch-unknown-status = неизвестный статус { $value }; ожидается final или reviewed
batch-not-whole-number = { $value } не является целым числом
batch-not-hash = { $value } не является хешем SHA-256 (64 шестнадцатеричные цифры в нижнем регистре)
batch-not-timestamp = { $value } не является датой и временем со смещением от UTC (например, 2026-11-23T10:15:00+05:00)
batch-unknown-item = неизвестный пункт чек-листа { $value }
batch-not-date = { $value } не является датой (ГГГГ-ММ-ДД)
batch-not-time = { $value } не является временем (ЧЧ:ММ)
batch-not-number = { $value } не является числом (цифры, `.` перед дробной частью)
batch-in-column = { $column }: { $what }
batch-problem-at = { $place }: { $what }
batch-holds-format = текст "courtwatch-batch"
batch-holds-whole-number = целое число
batch-holds-uuid = UUID
batch-holds-text = текст
batch-holds-form-versions = объект с версией каждой формы, например {"{"}"hearing": 1{"}"}
batch-holds-monitor = объект с полями uuid, code и name монитора
batch-holds-monitors = список объектов, каждый с полями uuid, code и name монитора
batch-holds-seq = целое число от 1
batch-holds-created-at = дата и время со смещением от UTC, например "2026-11-23T10:15:00+05:00"
batch-holds-scope = объект с полями kind, from, to и filters
batch-holds-profile = "analysis" или "excel"
batch-holds-delimiter = "," или ";"
batch-holds-bool = true или false
batch-holds-redaction = null или объект со списками omitted и pseudonymised
batch-holds-signing-key = открытый ключ minisign монитора (RW…) или null
batch-holds-files = список объектов, каждый с полями name, rows, bytes и sha256 файла
batch-holds-scope-kind = "all" или "since_last"
batch-holds-date-or-null = null или дата (ГГГГ-ММ-ДД)
batch-holds-texts = список строк
batch-holds-field-ids = список идентификаторов полей
batch-holds-file-name = имя файла
batch-holds-hex = 64 шестнадцатеричные цифры в нижнем регистре
batch-not-object = { $path } должно быть объектом, а здесь { $value }
batch-field-missing = нет поля { $field }; в нём указывается { $what }
batch-field-wrong-type = поле { $field }: ожидается { $what }, а указано { $value }
batch-field-unknown = содержит поле { $field }, которого этот courtwatch не знает
batch-manifest-control-character = { $path } содержит управляющий символ { $code }; в манифесте допустим только простой текст
batch-not-a-folder = не является папкой; укажите путь к папке пакета (courtwatch-…)
batch-manifest-missing = отсутствует: эта папка не является пакетом courtwatch
batch-not-json = не является правильным JSON: { $error }
batch-not-json-object = не является объектом JSON: это не пакет courtwatch
batch-no-format = не содержит поля format: это не пакет courtwatch
batch-wrong-format = format равно { $value }, а не "{ $format }": это не пакет courtwatch
batch-format-version-unknown = format_version { $version } неизвестна этому courtwatch (он читает версию { $known }); обновите courtwatch, чтобы прочитать этот пакет
batch-format-version-missing = поле format_version отсутствует или не является целым числом
batch-does-not-fit = не соответствует формату: { $error }
batch-seq-zero = seq равен 0; пакеты монитора нумеруются с 1
batch-created-at = created_at { $value } не является датой и временем со смещением от UTC (например, 2026-11-23T10:15:00+05:00)
batch-schema-unknown = schema_version { $version } неизвестна этому courtwatch (он знает версии от 1 до { $known }); обновите courtwatch, чтобы прочитать этот пакет
batch-nil-id = { $key } — нулевой UUID; здесь нужен собственный идентификатор
batch-monitor-nil = { $path }.uuid — нулевой UUID; у монитора есть собственный идентификатор
batch-monitor-code = { $path }.code { $code } не является кодом монитора (от 1 до 32 символов, без пробелов в начале и в конце)
batch-delimiter-profile = delimiter { $delimiter } не соответствует профилю { $profile } ({ $expected })
batch-bom-profile = при профиле { $profile } bom и formula_guard должны быть равны { $value }
batch-redaction-redacted = redaction указывается тогда и только тогда, когда redacted равно true
batch-scope-date = scope: { $value } не является датой (ГГГГ-ММ-ДД)
batch-sha-not-hex = sha256 файла { $file } — не 64 шестнадцатеричные цифры в нижнем регистре
batch-form-unknown = form_versions называет форму { $form }, которой этот courtwatch не знает
batch-form-version-unknown = form_versions: версия { $version } формы { $form } неизвестна этому courtwatch (у него версия { $known }); обновите courtwatch, чтобы прочитать этот пакет
batch-form-version-not-given = form_versions не указывает версию формы { $form }
batch-form-versions-empty = form_versions пусто; здесь указывается версия каждой формы, например hearing=1|case=1
batch-form-versions-pair = form_versions: { $pair } не имеет вида форма=версия
batch-form-versions-unknown-form = form_versions: форма { $form } неизвестна
batch-form-versions-too-new = form_versions: версия { $version } формы { $form } неизвестна этому courtwatch (у него версия { $known })
batch-side-too-many-rows = здесь в пакете может быть не больше { $max } строк
batch-side-cell-count = ячеек в строке: { $cells }, а столбцов в заголовке: { $want }
batch-join-self = запись дела нельзя объединить с ней самой
batch-join-twice = объединение { $join } встречается дважды
batch-not-monitor-uuid = { $value } не является UUID монитора
batch-court-twice = суд { $code } встречается дважды
batch-court-bad-code = код { $code } не является кодом суда, добавленного монитором ({ $prefix } и шестнадцатеричные цифры)
batch-court-no-name = у суда нет названия; нужно название хотя бы на одном языке
batch-court-bad-text = название или страна длиннее { $max } символов, начинается или заканчивается пробелом или содержит управляющий символ
batch-court-unknown-level = неизвестный уровень суда { $level }
batch-court-unknown-region = неизвестный регион { $region }
batch-court-no-place = у суда не указаны ни регион, ни страна; нужно одно из двух
batch-court-clash = суд { $code } здесь — это { $here } (уровень { $level }, регион { $region }, страна { $country }), а в пакете — { $theirs } (уровень { $their_level }, регион { $their_region }, страна { $their_country }); код суда обозначает один суд, поэтому ничего не слито
batch-joins-received = объединения записей дел: { $what }
batch-joins-new = новых { $count }
batch-joins-split = разъединено { $count }
batch-joins-waiting = ждут записи дела, которой здесь ещё нет: { $count } (не приняты; каждый следующий пакет этого монитора приносит их снова)
batch-output-unknown-kind = неизвестный вид { $value }; ожидается batch, printout или report
batch-not-flag = { $value } не является 0 или 1
batch-output-sealed-to-sealed = { $value } — не то, чему запечатан файл (отпечатки ключей получателей через запятую или "passphrase")
batch-output-sealed-to-plain = { $value } указано для открытого файла, который никому не запечатан: ячейка должна быть пустой
batch-output-empty = пусто; значение обязательно
batch-output-twice = строка для { $path } от { $at } встречается дважды
batch-outputs-received = журнал выгрузок: новых строк — { $count } (courtwatch outputs --received)
batch-changed-while-merged = { $batch } изменился во время слияния ({ $detail }); ничего не слито
batch-changed-hearing-moved = заседание { $hearing } не на прежнем месте
batch-changed-more-hearings = в нём стало больше заседаний, чем было
batch-changed-read-failed = его не удалось прочитать
batch-more-warnings = { $count ->
        [one] … и ещё { $count } предупреждение
        [few] … и ещё { $count } предупреждения
        [many] … и ещё { $count } предупреждений
       *[other] … и ещё { $count } предупреждения
    }
batch-verify-valid = { $batch } — правильный пакет: монитор { $monitor }, пакет № { $seq }, { $count ->
        [one] { $count } заседание
        [few] { $count } заседания
        [many] { $count } заседаний
       *[other] { $count } заседания
    }, профиль { $profile }{ $redacted ->
        [yes] , обезличен
       *[other] {""}
    }.
batch-verify-signed = Подписан ключом с отпечатком { $fingerprint }.
batch-verify-unsigned = Без подписи.
batch-verify-invalid = { $batch } не является правильным пакетом ({ $count ->
        [one] { $count } ошибка
        [few] { $count } ошибки
        [many] { $count } ошибок
       *[other] { $count } ошибки
    }); ничего не изменено:
batch-merge-summary = { $batch } (монитор { $monitor }, пакет № { $seq }): новых { $new }, обновлено { $updated }, без изменений { $unchanged }, своя новее { $kept }, конфликтов { $conflicts }{ $dry_run ->
        [yes] {" "}— было бы слито (пробный прогон, ничего не записано)
       *[other] {""}
    }
batch-merge-progress = слияние: { $done } из { $count ->
        [one] { $count } заседания
       *[other] { $count } заседаний
    }
batch-merge-unopened = { $batch }: отклонён; из него ничего не записано.
batch-merge-rejected = { $batch }: отклонён ({ $count ->
        [one] { $count } ошибка
        [few] { $count } ошибки
        [many] { $count } ошибок
       *[other] { $count } ошибки
    }); из него ничего не записано.
batch-merge-already = { $batch }: уже слит { $at }; ничего не изменилось.
batch-merge-court = суд { $code } ({ $name }) { $dry_run ->
        [yes] будет добавлен
       *[other] добавлен
    }
batch-merge-missing = монитор { $monitor }: { $count ->
        [one] ещё не получен пакет № { $list }
       *[other] ещё не получены пакеты № { $list }
    }
batch-merge-count = { $dry_run ->
        [yes] { $count ->
            [one] проверен { $count } пакет
            [few] проверено { $count } пакета
            [many] проверено { $count } пакетов
           *[other] проверено { $count } пакета
        }
       *[other] { $count ->
            [one] слит { $count } пакет
            [few] слито { $count } пакета
            [many] слито { $count } пакетов
           *[other] слито { $count } пакета
        }
    }
batch-merge-count-before = слитых ранее (ничего не изменилось): { $count }
batch-merge-count-rejected = отклонено: { $count }
batch-merge-nothing-changed = Ничего не изменилось.
batch-merge-join-suggestions = { $count ->
        [one] { $count } пара записей дел совпадает
        [few] { $count } пары записей дел совпадают
        [many] { $count } пар записей дел совпадают
       *[other] { $count } пары записей дел совпадают
    } по суду и номеру дела; возможно, это один процесс, записанный дважды: `courtwatch cases suggest` показывает их, `courtwatch cases join A B` объединяет две записи, когда вы их проверили.
batch-merge-rejected-count = { $count ->
        [one] Отклонён { $count } пакет:
        [few] Отклонено { $count } пакета:
        [many] Отклонено { $count } пакетов:
       *[other] Отклонено { $count } пакета:
    }
