# ruff: noqa: E501 -- translated sentences, wrapped by hand where it reads best
"""The demo's words in the six other languages, keyed by the Italian source string.

This is the translation memory that `portal.demo.translations` hands to wagtail-localize: one
entry per distinct Italian string, as wagtail-localize segments it (a paragraph, a list item,
a heading, a field), so a sentence used on several pages is translated once. Proper names
(districts, houses, streets, parks) stay as residents read them on the signs; in Arabic and
Chinese a house's name is followed by what it means.
"""

LANGUAGES = ("en", "fr", "ar", "ro", "zh-hans", "es")
DISTRICT_NAMES = ("San Salvario", "Barriera di Milano", "Mirafiori Sud")


def t(italian, *, en, fr, es, ro, ar, zh):
    return italian, {"en": en, "fr": fr, "es": es, "ro": ro, "ar": ar, "zh-hans": zh}


def same(italian):
    """A proper name, written the same in every language."""
    return t(italian, en=italian, fr=italian, es=italian, ro=italian, ar=italian, zh=italian)


TAXONOMY = [
    t("Corsi", en="Courses", fr="Cours", es="Cursos", ro="Cursuri", ar="دورات", zh="课程"),
    t(
        "Corsi di lingua, informatica e doposcuola, in piccoli gruppi.",
        en="Language and computer courses and after-school help, in small groups.",
        fr="Cours de langue et d'informatique, aide aux devoirs, en petits groupes.",
        es="Cursos de idiomas e informática y apoyo escolar, en grupos pequeños.",
        ro="Cursuri de limbă și de informatică, meditații după școală, în grupuri mici.",
        ar="دورات لغة وحاسوب ودعم مدرسي بعد الدوام، في مجموعات صغيرة.",
        zh="语言课、电脑课和课后辅导，小班教学。",
    ),
    t(
        "Eventi culturali",
        en="Cultural events",
        fr="Événements culturels",
        es="Eventos culturales",
        ro="Evenimente culturale",
        ar="فعاليات ثقافية",
        zh="文化活动",
    ),
    t(
        "Feste, concerti, cinema, letture e incontri aperti a tutto il quartiere.",
        en="Festivals, concerts, films, readings and meetings open to the whole neighbourhood.",
        fr="Fêtes, concerts, cinéma, lectures et rencontres ouverts à tout le quartier.",
        es="Fiestas, conciertos, cine, lecturas y encuentros abiertos a todo el barrio.",
        ro="Petreceri, concerte, filme, lecturi și întâlniri deschise întregului cartier.",
        ar="احتفالات وحفلات موسيقية وسينما وقراءات ولقاءات مفتوحة لكل الحي.",
        zh="节庆、音乐会、电影、读书会和见面会，向整个街区开放。",
    ),
    t("Laboratori", en="Workshops", fr="Ateliers", es="Talleres", ro="Ateliere", ar="ورش عمل", zh="工作坊"),
    t(
        "Si impara facendo: ceramica, riparazioni, orti, biciclette.",
        en="Learning by doing: pottery, repairs, vegetable gardens, bicycles.",
        fr="On apprend en faisant : céramique, réparations, potagers, vélos.",
        es="Se aprende haciendo: cerámica, reparaciones, huertos, bicicletas.",
        ro="Înveți făcând: ceramică, reparații, grădini de legume, biciclete.",
        ar="نتعلّم بالممارسة: الخزف، والتصليح، والحدائق، والدراجات.",
        zh="在实践中学习：陶艺、维修、菜园、自行车。",
    ),
    t(
        "Ristorazione",
        en="Food and drink",
        fr="Restauration",
        es="Comida y bebida",
        ro="Mâncare și băutură",
        ar="طعام ومشروبات",
        zh="餐饮",
    ),
    t(
        "Bistrot, pranzi sociali e cene delle Case del Quartiere.",
        en="Bistros, community lunches and dinners at the Neighbourhood Houses.",
        fr="Bistrots, déjeuners solidaires et dîners des Maisons de quartier.",
        es="Bistrós, comidas solidarias y cenas de las Casas del Barrio.",
        ro="Bistrouri, prânzuri comunitare și cine la Casele de Cartier.",
        ar="مقاهٍ ووجبات غداء تضامنية وعشاءات في بيوت الحي.",
        zh="社区之家的小餐馆、公益午餐和晚餐。",
    ),
    t(
        "Sport e movimento",
        en="Sport and exercise",
        fr="Sport et activité physique",
        es="Deporte y movimiento",
        ro="Sport și mișcare",
        ar="رياضة وحركة",
        zh="运动健身",
    ),
    t(
        "Ginnastica, camminate e giochi all'aperto per tutte le età.",
        en="Exercise classes, walks and outdoor games for all ages.",
        fr="Gymnastique, marches et jeux en plein air pour tous les âges.",
        es="Gimnasia, caminatas y juegos al aire libre para todas las edades.",
        ro="Gimnastică, plimbări și jocuri în aer liber pentru toate vârstele.",
        ar="رياضة بدنية ومشي وألعاب في الهواء الطلق لجميع الأعمار.",
        zh="体操、健走和户外游戏，适合所有年龄。",
    ),
    t(
        "Sportelli di ascolto e consulenza",
        en="Advice and support desks",
        fr="Permanences d'écoute et de conseil",
        es="Puntos de escucha y asesoramiento",
        ro="Birouri de consiliere și sprijin",
        ar="مكاتب الاستماع والاستشارة",
        zh="倾听与咨询服务",
    ),
    t(
        "Aiuto gratuito per casa, lavoro, documenti, bollette e servizi pubblici.",
        en="Free help with housing, work, documents, bills and public services.",
        fr="Aide gratuite pour le logement, le travail, les papiers, les factures et les services publics.",
        es="Ayuda gratuita con la vivienda, el trabajo, los documentos, las facturas y los servicios públicos.",
        ro="Ajutor gratuit pentru locuință, muncă, acte, facturi și servicii publice.",
        ar="مساعدة مجانية في السكن والعمل والوثائق والفواتير والخدمات العامة.",
        zh="免费帮助解决住房、工作、证件、账单和公共服务等问题。",
    ),
    t("Bambini", en="Children", fr="Enfants", es="Niños", ro="Copii", ar="أطفال", zh="儿童"),
    t(
        "Ragazzi",
        en="Teenagers",
        fr="Adolescents",
        es="Adolescentes",
        ro="Adolescenți",
        ar="مراهقون",
        zh="青少年",
    ),
    t("Adulti", en="Adults", fr="Adultes", es="Adultos", ro="Adulți", ar="بالغون", zh="成人"),
    t(
        "Anziani",
        en="Older people",
        fr="Seniors",
        es="Personas mayores",
        ro="Vârstnici",
        ar="كبار السن",
        zh="老年人",
    ),
    t("Famiglie", en="Families", fr="Familles", es="Familias", ro="Familii", ar="عائلات", zh="家庭"),
    t(
        "Nuovi arrivati",
        en="Newcomers",
        fr="Nouveaux arrivants",
        es="Recién llegados",
        ro="Nou-veniți",
        ar="وافدون جدد",
        zh="新来居民",
    ),
]

HOUSES_AND_MANAGERS = [
    t(
        "Bagni Pubblici di via Agliè",
        en="Bagni Pubblici di via Agliè",
        fr="Bagni Pubblici di via Agliè",
        es="Bagni Pubblici di via Agliè",
        ro="Bagni Pubblici di via Agliè",
        ar="الحمّامات العامة في شارع Agliè (Bagni Pubblici di via Agliè)",
        zh="阿列街公共浴室（Bagni Pubblici di via Agliè）",
    ),
    t(
        "Docce pubbliche il martedì, il giovedì e il sabato mattina. Chiusi la domenica e nei giorni festivi.",
        en="Public showers on Tuesday, Thursday and Saturday mornings. Closed on Sundays and public holidays.",
        fr="Douches publiques le mardi, le jeudi et le samedi matin. Fermé le dimanche et les jours fériés.",
        es="Duchas públicas los martes, jueves y sábados por la mañana. Cerrado los domingos y festivos.",
        ro="Dușuri publice marți, joi și sâmbătă dimineața. Închis duminica și în zilele de sărbătoare legală.",
        ar="الدُّش العمومي متاح صباح الثلاثاء والخميس والسبت. مغلق يوم الأحد وأيام العطل الرسمية.",
        zh="公共淋浴在每周二、周四和周六上午开放。周日及公共假日休息。",
    ),
    t(
        "Rampa all'ingresso principale, bagno e doccia accessibili al piano terra. Le sale dei corsi sono al "
        "piano terra.",
        en="Ramp at the main entrance; accessible toilet and shower on the ground floor. The course rooms are "
        "on the ground floor.",
        fr="Rampe à l'entrée principale, toilettes et douche accessibles au rez-de-chaussée. Les salles de "
        "cours sont au rez-de-chaussée.",
        es="Rampa en la entrada principal, baño y ducha accesibles en la planta baja. Las aulas de los cursos "
        "están en la planta baja.",
        ro="Rampă la intrarea principală, toaletă și duș accesibile la parter. Sălile de curs sunt la parter.",
        ar="منحدر عند المدخل الرئيسي، ومرحاض ودُش مهيّآن لذوي الإعاقة في الطابق الأرضي. قاعات الدورات في "
        "الطابق الأرضي.",
        zh="主入口设有坡道，一楼有无障碍卫生间和淋浴间。课程教室都在一楼。",
    ),
    t(
        "Casa del Quartiere di San Salvario",
        en="Casa del Quartiere di San Salvario",
        fr="Casa del Quartiere di San Salvario",
        es="Casa del Quartiere di San Salvario",
        ro="Casa del Quartiere di San Salvario",
        ar="بيت حي San Salvario (Casa del Quartiere di San Salvario)",
        zh="San Salvario 社区之家（Casa del Quartiere di San Salvario）",
    ),
    t(
        "Chiusa la domenica, nei giorni festivi e nelle due settimane centrali di agosto.",
        en="Closed on Sundays, on public holidays and for the middle two weeks of August.",
        fr="Fermée le dimanche, les jours fériés et pendant les deux semaines du milieu du mois d'août.",
        es="Cerrada los domingos, los festivos y las dos semanas centrales de agosto.",
        ro="Închisă duminica, în zilele de sărbătoare legală și în cele două săptămâni din mijlocul lui "
        "august.",
        ar="مغلق يوم الأحد وأيام العطل الرسمية وخلال الأسبوعين في منتصف شهر أغسطس.",
        zh="周日、公共假日及八月中旬的两周休息。",
    ),
    t(
        "Ingresso a livello della strada da via Morgari. Ascensore per il primo piano e bagno accessibile al "
        "piano terra. Su richiesta è disponibile una stanza tranquilla; chiedete pure aiuto alla reception.",
        en="Step-free entrance from Via Morgari. Lift to the first floor and accessible toilet on the ground "
        "floor. A quiet room is available on request; just ask at reception for help.",
        fr="Entrée de plain-pied depuis la via Morgari. Ascenseur pour le premier étage et toilettes "
        "accessibles au rez-de-chaussée. Une salle calme est disponible sur demande ; n'hésitez pas à "
        "demander de l'aide à l'accueil.",
        es="Entrada a nivel de la calle por via Morgari. Ascensor al primer piso y baño accesible en la planta "
        "baja. Si lo piden, hay una sala tranquila disponible; no duden en pedir ayuda en la recepción.",
        ro="Intrare la nivelul străzii din via Morgari. Lift până la etajul întâi și toaletă accesibilă la "
        "parter. La cerere este disponibilă o cameră liniștită; nu ezitați să cereți ajutor la recepție.",
        ar="المدخل في مستوى الشارع من شارع Morgari. مصعد إلى الطابق الأول ومرحاض مهيّأ في الطابق الأرضي. "
        "تتوفر غرفة هادئة عند الطلب؛ لا تتردّدوا في طلب المساعدة من مكتب الاستقبال.",
        zh="从莫尔加里街（via Morgari）进入，入口与街道齐平。有电梯通往二楼，一楼设有无障碍卫生间。可应要求"
        "提供安静的房间；需要帮助请随时询问前台。",
    ),
    t(
        "Casa nel Parco",
        en="Casa nel Parco",
        fr="Casa nel Parco",
        es="Casa nel Parco",
        ro="Casa nel Parco",
        ar="بيت في الحديقة (Casa nel Parco)",
        zh="公园之家（Casa nel Parco）",
    ),
    t(
        "La caffetteria apre alle 8:30. Chiusa la domenica e nei giorni festivi.",
        en="The café opens at 8:30. Closed on Sundays and public holidays.",
        fr="La cafétéria ouvre à 8 h 30. Fermée le dimanche et les jours fériés.",
        es="La cafetería abre a las 8:30. Cerrada los domingos y festivos.",
        ro="Cafeneaua se deschide la 8:30. Închisă duminica și în zilele de sărbătoare legală.",
        ar="يفتح المقهى في الساعة 8:30. مغلق يوم الأحد وأيام العطل الرسمية.",
        zh="咖啡馆8:30开门。周日及公共假日休息。",
    ),
    t(
        "Edificio su un solo piano dentro il Parco Colonnetti, con percorsi pavimentati dal parcheggio di via "
        "Panetti. Bagno accessibile; sedie a rotelle in prestito alla reception.",
        en="Single-storey building inside Parco Colonnetti, with paved paths from the car park in Via Panetti. "
        "Accessible toilet; wheelchairs on loan at reception.",
        fr="Bâtiment de plain-pied dans le parc Colonnetti, avec des allées revêtues depuis le parking de la "
        "via Panetti. Toilettes accessibles ; prêt de fauteuils roulants à l'accueil.",
        es="Edificio de una sola planta dentro del Parque Colonnetti, con caminos pavimentados desde el "
        "aparcamiento de via Panetti. Baño accesible; préstamo de sillas de ruedas en la recepción.",
        ro="Clădire cu un singur nivel în Parcul Colonnetti, cu alei pavate de la parcarea din via Panetti. "
        "Toaletă accesibilă; scaune cu rotile de împrumut la recepție.",
        ar="مبنى من طابق واحد داخل حديقة Colonnetti، تصل إليه ممرات معبّدة من موقف السيارات في شارع Panetti. "
        "مرحاض مهيّأ؛ كراسٍ متحركة للإعارة في مكتب الاستقبال.",
        zh="位于科隆内蒂公园（Parco Colonnetti）内的单层建筑，从帕内蒂街（via Panetti）停车场有铺装步道可达。"
        "设有无障碍卫生间；前台可借用轮椅。",
    ),
    t(
        "Community Manager di Mirafiori Sud",
        en="Community Manager for Mirafiori Sud",
        fr="Community manager de Mirafiori Sud",
        es="Community Manager de Mirafiori Sud",
        ro="Community Manager pentru Mirafiori Sud",
        ar="منسّقة المجتمع (Community Manager) في Mirafiori Sud",
        zh="Mirafiori Sud 社区经理（Community Manager）",
    ),
    t(
        "Imma accompagna residenti, gruppi e associazioni di Mirafiori Sud che vogliono fare qualcosa per il "
        "quartiere: un orto, una festa, un corso, un gruppo di cammino. Aiuta a scrivere la proposta, a trovare "
        "spazi alla Casa nel Parco e a coinvolgere i vicini.",
        en="Imma supports residents, groups and associations in Mirafiori Sud who want to do something for "
        "the neighbourhood: a vegetable garden, a party, a course, a walking group. She helps you write your "
        "proposal, find space at the Casa nel Parco and get the neighbours involved.",
        fr="Imma accompagne les habitants, les groupes et les associations de Mirafiori Sud qui veulent faire "
        "quelque chose pour le quartier : un potager, une fête, un cours, un groupe de marche. Elle aide à "
        "rédiger la proposition, à trouver des salles à la Casa nel Parco et à mobiliser les voisins.",
        es="Imma acompaña a vecinos, grupos y asociaciones de Mirafiori Sud que quieren hacer algo por el "
        "barrio: un huerto, una fiesta, un curso, un grupo de caminata. Ayuda a redactar la propuesta, a "
        "encontrar espacios en la Casa nel Parco y a implicar a los vecinos.",
        ro="Imma îi sprijină pe locuitorii, grupurile și asociațiile din Mirafiori Sud care vor să facă ceva "
        "pentru cartier: o grădină de legume, o petrecere, un curs, un grup de mers pe jos. Ajută la scrierea "
        "propunerii, la găsirea unui spațiu la Casa nel Parco și la implicarea vecinilor.",
        ar="ترافق إيمّا السكان والمجموعات والجمعيات في Mirafiori Sud ممن يرغبون في فعل شيء للحي: حديقة "
        "خضروات، أو حفلة، أو دورة، أو مجموعة للمشي. تساعد في كتابة المقترح، وإيجاد مكان في Casa nel Parco، "
        "وإشراك الجيران.",
        zh="Imma 为 Mirafiori Sud 想为街区做点事的居民、团体和协会提供支持：一块菜园、一场聚会、一门课程、"
        "一个健走小组。她帮助大家撰写提案、在公园之家找到场地，并动员邻居参与。",
    ),
    t(
        "Community Manager di San Salvario e Barriera di Milano",
        en="Community Manager for San Salvario and Barriera di Milano",
        fr="Community manager de San Salvario et de Barriera di Milano",
        es="Community Manager de San Salvario y Barriera di Milano",
        ro="Community Manager pentru San Salvario și Barriera di Milano",
        ar="منسّقة المجتمع (Community Manager) في San Salvario وBarriera di Milano",
        zh="San Salvario 和 Barriera di Milano 社区经理（Community Manager）",
    ),
    t(
        "Sara aiuta chi abita a San Salvario e a Barriera di Milano a partecipare alla vita delle Case del "
        "Quartiere: ascolta le proposte, mette in contatto persone e associazioni, trova spazi e tempi e "
        "accompagna le idee finché diventano progetti. Scrivetele o passate a trovarla durante gli orari di "
        "apertura.",
        en="Sara helps the people who live in San Salvario and Barriera di Milano take part in the life of the "
        "Neighbourhood Houses: she listens to proposals, puts people and associations in touch, finds rooms "
        "and times and stays with ideas until they become projects. Write to her or drop in during opening "
        "hours.",
        fr="Sara aide les habitants de San Salvario et de Barriera di Milano à participer à la vie des Maisons "
        "de quartier : elle écoute les propositions, met en relation personnes et associations, trouve des "
        "lieux et des horaires et accompagne les idées jusqu'à ce qu'elles deviennent des projets. "
        "Écrivez-lui ou passez la voir pendant les heures d'ouverture.",
        es="Sara ayuda a quienes viven en San Salvario y en Barriera di Milano a participar en la vida de las "
        "Casas del Barrio: escucha las propuestas, pone en contacto a personas y asociaciones, busca espacios "
        "y horarios y acompaña las ideas hasta que se convierten en proyectos. Escríbanle o pasen a verla en "
        "el horario de apertura.",
        ro="Sara îi ajută pe cei care locuiesc în San Salvario și în Barriera di Milano să participe la viața "
        "Caselor de Cartier: ascultă propunerile, pune în legătură oameni și asociații, găsește spații și "
        "momente potrivite și însoțește ideile până devin proiecte. Scrieți-i sau treceți pe la ea în timpul "
        "programului.",
        ar="تساعد سارة سكان San Salvario وBarriera di Milano على المشاركة في حياة بيوت الحي: تستمع إلى "
        "المقترحات، وتربط بين الأشخاص والجمعيات، وتجد الأماكن والأوقات، وترافق الأفكار حتى تصبح مشاريع. "
        "راسلوها أو مرّوا لزيارتها خلال ساعات العمل.",
        zh="Sara 帮助 San Salvario 和 Barriera di Milano 的居民参与社区之家的活动：她倾听大家的提议，为个人"
        "和协会牵线搭桥，寻找场地和时间，并陪伴各种想法直到它们变成项目。欢迎给她写信，或在开放时间来找她。",
    ),
]

HOME = [
    same("Quartieri"),
    t(
        "Quartieri racconta ciò che succede a San Salvario, Barriera di Milano e Mirafiori Sud: sportelli, "
        "corsi, laboratori, feste e pranzi nelle Case del Quartiere, aperti a chi abita qui da sempre e a chi è "
        "appena arrivato. Scegli il tuo quartiere o guarda il calendario: trovi orari, luoghi e contatti.",
        en="Quartieri tells you what is happening in San Salvario, Barriera di Milano and Mirafiori Sud: advice "
        "desks, courses, workshops, parties and lunches at the Neighbourhood Houses, open to people who have "
        "always lived here and to those who have just arrived. Choose your neighbourhood or look at the "
        "calendar: you will find times, places and contacts.",
        fr="Quartieri raconte ce qui se passe à San Salvario, Barriera di Milano et Mirafiori Sud : permanences, "
        "cours, ateliers, fêtes et repas dans les Maisons de quartier, ouverts à celles et ceux qui vivent ici "
        "depuis toujours comme à celles et ceux qui viennent d'arriver. Choisissez votre quartier ou consultez "
        "l'agenda : vous y trouverez horaires, lieux et contacts.",
        es="Quartieri cuenta lo que pasa en San Salvario, Barriera di Milano y Mirafiori Sud: puntos de "
        "atención, cursos, talleres, fiestas y comidas en las Casas del Barrio, abiertos a quien vive aquí "
        "desde siempre y a quien acaba de llegar. Elige tu barrio o mira la agenda: encontrarás horarios, "
        "lugares y contactos.",
        ro="Quartieri îți spune ce se întâmplă în San Salvario, Barriera di Milano și Mirafiori Sud: birouri de "
        "consiliere, cursuri, ateliere, petreceri și prânzuri la Casele de Cartier, deschise atât celor care "
        "locuiesc aici dintotdeauna, cât și celor abia sosiți. Alege-ți cartierul sau uită-te în calendar: "
        "găsești programul, locurile și datele de contact.",
        ar="يعرض لك موقع Quartieri ما يحدث في San Salvario وBarriera di Milano وMirafiori Sud: مكاتب الإرشاد "
        "والدورات وورش العمل والاحتفالات ووجبات الغداء في بيوت الحي، وهي مفتوحة لمن يعيش هنا منذ زمن طويل "
        "ولمن وصل للتوّ. اختر حيّك أو اطّلع على التقويم: ستجد المواعيد والأماكن وطرق التواصل.",
        zh="Quartieri 为你介绍 San Salvario、Barriera di Milano 和 Mirafiori Sud 正在发生的事：社区之家里的"
        "咨询窗口、课程、工作坊、节庆和午餐，欢迎老居民，也欢迎刚来的新居民。选择你的街区或查看日历，"
        "就能找到时间、地点和联系方式。",
    ),
    t(
        "Le Case del Quartiere",
        en="The Neighbourhood Houses",
        fr="Les Maisons de quartier",
        es="Las Casas del Barrio",
        ro="Casele de Cartier",
        ar="بيوت الحي",
        zh="社区之家",
    ),
    t(
        "Le Case del Quartiere sono spazi pubblici aperti a tutte e a tutti: ci si va per chiedere un consiglio, "
        "imparare l'italiano, mangiare insieme, organizzare una festa o proporre un'idea. In ogni quartiere una "
        "<b>Community Manager</b> aiuta residenti, gruppi e associazioni a trovare spazi e compagni di strada e "
        "a trasformare le idee in progetti concreti.",
        en="The Neighbourhood Houses are public spaces open to everyone: people go there to ask for advice, "
        "learn Italian, eat together, organise a party or suggest an idea. In each neighbourhood a "
        "<b>Community Manager</b> helps residents, groups and associations find space and people to work with "
        "and turn ideas into real projects.",
        fr="Les Maisons de quartier sont des lieux publics ouverts à toutes et à tous : on y va pour demander un "
        "conseil, apprendre l'italien, manger ensemble, organiser une fête ou proposer une idée. Dans chaque "
        "quartier, une <b>community manager</b> aide les habitants, les groupes et les associations à trouver "
        "des lieux et des compagnons de route et à transformer les idées en projets concrets.",
        es="Las Casas del Barrio son espacios públicos abiertos a todas y a todos: se va para pedir un consejo, "
        "aprender italiano, comer juntos, organizar una fiesta o proponer una idea. En cada barrio, una "
        "<b>Community Manager</b> ayuda a vecinos, grupos y asociaciones a encontrar espacios y compañeros de "
        "camino y a convertir las ideas en proyectos concretos.",
        ro="Casele de Cartier sunt spații publice deschise tuturor: vii aici ca să ceri un sfat, să înveți "
        "italiana, să mănânci împreună cu alții, să organizezi o petrecere sau să propui o idee. În fiecare "
        "cartier, o <b>Community Manager</b> ajută locuitorii, grupurile și asociațiile să găsească spații și "
        "parteneri și să transforme ideile în proiecte concrete.",
        ar="بيوت الحي أماكن عامة مفتوحة للجميع: يقصدها الناس لطلب نصيحة، أو لتعلّم اللغة الإيطالية، أو لتناول "
        "الطعام معًا، أو لتنظيم حفلة، أو لاقتراح فكرة. في كل حي، تساعد <b>منسّقة المجتمع</b> السكان والمجموعات "
        "والجمعيات على إيجاد الأماكن ورفاق الطريق وعلى تحويل الأفكار إلى مشاريع ملموسة.",
        zh="社区之家是向所有人开放的公共空间：大家来这里寻求建议、学习意大利语、一起吃饭、组织聚会或提出想法。"
        "每个街区都有一位<b>社区经理</b>，帮助居民、团体和协会找到场地和同伴，把想法变成实实在在的项目。",
    ),
    t(
        "La Casa è di chi la abita: ognuno porta qualcosa e ognuno trova qualcosa.",
        en="The House belongs to the people who use it: everyone brings something and everyone finds something.",
        fr="La Maison appartient à celles et ceux qui la font vivre : chacun apporte quelque chose et chacun y "
        "trouve quelque chose.",
        es="La Casa es de quien la vive: cada uno trae algo y cada uno encuentra algo.",
        ro="Casa este a celor care o locuiesc: fiecare aduce ceva și fiecare găsește ceva.",
        ar="البيت لمن يسكنه: كل واحد يأتي بشيء، وكل واحد يجد شيئًا.",
        zh="社区之家属于在这里生活的每个人：人人都带来一些东西，人人也都有所收获。",
    ),
    t(
        "Una residente di Barriera di Milano",
        en="A resident of Barriera di Milano",
        fr="Une habitante de Barriera di Milano",
        es="Una vecina de Barriera di Milano",
        ro="O locuitoare din Barriera di Milano",
        ar="ساكنة من Barriera di Milano",
        zh="Barriera di Milano 的一位居民",
    ),
    t(
        "Guarda cosa succede questa settimana",
        en="See what's on this week",
        fr="Voir ce qui se passe cette semaine",
        es="Mira lo que pasa esta semana",
        ro="Vezi ce se întâmplă săptămâna aceasta",
        ar="شاهد ما يحدث هذا الأسبوع",
        zh="看看本周有什么活动",
    ),
    t(
        "Cosa succede",
        en="What's on",
        fr="Agenda",
        es="Agenda",
        ro="Ce se întâmplă",
        ar="ماذا يحدث",
        zh="活动日历",
    ),
    t(
        "Tutti gli appuntamenti di San Salvario, Barriera di Milano e Mirafiori Sud, giorno per giorno. Filtra "
        "per quartiere, tipo di attività e pubblico per trovare ciò che fa per te.",
        en="Everything that is on in San Salvario, Barriera di Milano and Mirafiori Sud, day by day. Filter by "
        "neighbourhood, type of activity and audience to find what suits you.",
        fr="Tous les rendez-vous de San Salvario, Barriera di Milano et Mirafiori Sud, jour après jour. Filtrez "
        "par quartier, type d'activité et public pour trouver ce qui vous convient.",
        es="Todas las citas de San Salvario, Barriera di Milano y Mirafiori Sud, día a día. Filtra por barrio, "
        "tipo de actividad y público para encontrar lo que va contigo.",
        ro="Toate evenimentele din San Salvario, Barriera di Milano și Mirafiori Sud, zi de zi. Filtrează după "
        "cartier, tipul de activitate și public ca să găsești ce ți se potrivește.",
        ar="جميع المواعيد في San Salvario وBarriera di Milano وMirafiori Sud، يومًا بيوم. صفِّ النتائج حسب الحي "
        "ونوع النشاط والجمهور لتجد ما يناسبك.",
        zh="San Salvario、Barriera di Milano 和 Mirafiori Sud 的所有活动，按天排列。可按街区、活动类型和对象"
        "筛选，找到适合你的活动。",
    ),
]


def each_district():
    """The strings every district page and its calendar share, with the district's name in them."""
    entries = []
    for name in DISTRICT_NAMES:
        entries += [
            same(name),
            t(
                f"Cosa succede a {name}",
                en=f"What's on in {name}",
                fr=f"Agenda de {name}",
                es=f"Agenda de {name}",
                ro=f"Ce se întâmplă în {name}",
                ar=f"ماذا يحدث في {name}",
                zh=f"{name} 活动日历",
            ),
            t(
                f"Gli appuntamenti di {name} giorno per giorno: eventi, corsi e orari degli sportelli.",
                en=f"What's on in {name} day by day: events, courses and desk opening times.",
                fr=f"Les rendez-vous de {name} jour après jour : événements, cours et horaires des permanences.",
                es=f"Las citas de {name} día a día: eventos, cursos y horarios de atención.",
                ro=f"Programul din {name}, zi de zi: evenimente, cursuri și orarul birourilor de consiliere.",
                ar=f"مواعيد {name} يومًا بيوم: فعاليات ودورات ومواعيد عمل المكاتب.",
                zh=f"{name} 每天的活动安排：活动、课程和咨询窗口的开放时间。",
            ),
            t(
                f"Tutti gli appuntamenti di {name}",
                en=f"Everything that is on in {name}",
                fr=f"Tous les rendez-vous de {name}",
                es=f"Todas las citas de {name}",
                ro=f"Toate evenimentele din {name}",
                ar=f"كل المواعيد في {name}",
                zh=f"{name} 的全部活动",
            ),
        ]
    return entries


DISTRICTS = [
    # San Salvario
    t(
        "Quartiere storico a sud-est del centro, tra la stazione di Porta Nuova e il Parco del Valentino, San "
        "Salvario è da anni un motore di innovazione sociale e culturale. Botteghe, associazioni, locali e "
        "comunità arrivate da tutto il mondo convivono in pochi isolati; il punto d'incontro è la Casa del "
        "Quartiere di via Morgari.",
        en="A historic neighbourhood south-east of the centre, between Porta Nuova station and the Valentino "
        "Park, San Salvario has long been a driving force of social and cultural innovation. Craft shops, "
        "associations, bars and communities from all over the world live side by side in a few blocks; the "
        "meeting point is the Neighbourhood House in Via Morgari.",
        fr="Quartier historique au sud-est du centre, entre la gare de Porta Nuova et le parc du Valentino, San "
        "Salvario est depuis des années un moteur d'innovation sociale et culturelle. Boutiques d'artisans, "
        "associations, bars et communautés venues du monde entier cohabitent en quelques pâtés de maisons ; le "
        "point de rencontre est la Maison de quartier de la via Morgari.",
        es="Barrio histórico al sureste del centro, entre la estación de Porta Nuova y el Parque del Valentino, "
        "San Salvario es desde hace años un motor de innovación social y cultural. Talleres, asociaciones, "
        "locales y comunidades llegadas de todo el mundo conviven en pocas manzanas; el punto de encuentro es "
        "la Casa del Barrio de via Morgari.",
        ro="Cartier istoric la sud-est de centru, între gara Porta Nuova și Parcul Valentino, San Salvario este "
        "de ani buni un motor al inovării sociale și culturale. Ateliere, asociații, localuri și comunități "
        "venite din toată lumea conviețuiesc pe câteva străzi; locul de întâlnire este Casa de Cartier din via "
        "Morgari.",
        ar="San Salvario حيّ تاريخي جنوب شرق وسط المدينة، بين محطة Porta Nuova وحديقة Valentino، وهو منذ سنوات "
        "محرّك للابتكار الاجتماعي والثقافي. تتعايش فيه ورش الحرفيين والجمعيات والمقاهي والجاليات القادمة من كل "
        "أنحاء العالم في بضعة شوارع؛ ونقطة اللقاء هي بيت الحي في شارع Morgari.",
        zh="San Salvario 是市中心东南部的历史街区，位于新门（Porta Nuova）火车站和瓦伦蒂诺公园之间，多年来"
        "一直是社会与文化创新的发动机。手工作坊、协会、小店和来自世界各地的社群在短短几个街区里和睦共处；"
        "大家相聚的地方是莫尔加里街（via Morgari）的社区之家。",
    ),
    t(
        "Un quartiere che si reinventa",
        en="A neighbourhood that reinvents itself",
        fr="Un quartier qui se réinvente",
        es="Un barrio que se reinventa",
        ro="Un cartier care se reinventează",
        ar="حيّ يجدّد نفسه",
        zh="不断自我更新的街区",
    ),
    t(
        "Cresciuto nell'Ottocento oltre Porta Nuova, San Salvario ha attraversato anni difficili e una rinascita "
        "nata dal basso: cortili recuperati, negozi di vicinato, spazi culturali e luoghi di culto di tradizioni "
        "diverse a pochi passi l'uno dall'altro. Oggi è uno dei quartieri più vivaci di Torino, di giorno e di "
        "sera.",
        en="Built in the nineteenth century beyond Porta Nuova, San Salvario went through difficult years and a "
        "revival that grew from the bottom up: restored courtyards, local shops, cultural spaces and places of "
        "worship of different traditions a few steps from one another. Today it is one of the liveliest "
        "neighbourhoods in Turin, by day and by night.",
        fr="Né au XIXe siècle au-delà de Porta Nuova, San Salvario a traversé des années difficiles puis une "
        "renaissance venue d'en bas : cours réhabilitées, commerces de proximité, lieux culturels et lieux de "
        "culte de traditions différentes à quelques pas les uns des autres. C'est aujourd'hui l'un des "
        "quartiers les plus animés de Turin, de jour comme de nuit.",
        es="Nacido en el siglo XIX más allá de Porta Nuova, San Salvario atravesó años difíciles y un "
        "renacimiento surgido desde abajo: patios recuperados, comercios de proximidad, espacios culturales y "
        "lugares de culto de tradiciones diversas a pocos pasos unos de otros. Hoy es uno de los barrios más "
        "animados de Turín, de día y de noche.",
        ro="Construit în secolul al XIX-lea dincolo de Porta Nuova, San Salvario a trecut prin ani grei și "
        "printr-o renaștere pornită de jos: curți recuperate, magazine de cartier, spații culturale și lăcașuri "
        "de cult ale unor tradiții diferite, la câțiva pași unele de altele. Astăzi este unul dintre cele mai "
        "vii cartiere din Torino, ziua și seara.",
        ar="نشأ San Salvario في القرن التاسع عشر خلف Porta Nuova، ومرّ بسنوات صعبة ثم بنهضة انطلقت من السكان "
        "أنفسهم: ساحات داخلية أعيد إحياؤها، ومتاجر حيّ، وفضاءات ثقافية، ودور عبادة لتقاليد مختلفة على بُعد "
        "خطوات بعضها من بعض. وهو اليوم من أكثر أحياء تورينو حيوية، نهارًا وليلًا.",
        zh="San Salvario 形成于十九世纪的新门（Porta Nuova）之外，经历过艰难的岁月，也经历了一场自下而上的"
        "复兴：修复一新的庭院、社区小店、文化空间，以及不同信仰的礼拜场所彼此相距不过几步。如今，无论白天"
        "还是夜晚，这里都是都灵最有活力的街区之一。",
    ),
    t(
        "Disegno della Casa del Quartiere di San Salvario",
        en="Drawing of the San Salvario Neighbourhood House",
        fr="Dessin de la Maison de quartier de San Salvario",
        es="Dibujo de la Casa del Barrio de San Salvario",
        ro="Desen al Casei de Cartier din San Salvario",
        ar="رسم لبيت حي San Salvario",
        zh="San Salvario 社区之家的插画",
    ),
    t(
        "La Casa del Quartiere di San Salvario, in via Morgari 14",
        en="The San Salvario Neighbourhood House, at Via Morgari 14",
        fr="La Maison de quartier de San Salvario, via Morgari 14",
        es="La Casa del Barrio de San Salvario, en via Morgari 14",
        ro="Casa de Cartier din San Salvario, în via Morgari 14",
        ar="بيت حي San Salvario، في via Morgari 14",
        zh="San Salvario 社区之家，地址：via Morgari 14",
    ),
    t(
        "Alla <b>Casa del Quartiere</b> trovi uno sportello di ascolto, corsi di italiano, laboratori, una "
        "biblioteca sociale e un bistrot. Le sale si possono chiedere in uso da gruppi e associazioni: se hai "
        "un'idea per il quartiere, parlane con la Community Manager.",
        en="At the <b>Neighbourhood House</b> you will find a listening and advice desk, Italian courses, "
        "workshops, a community library and a bistro. Groups and associations can ask to use the rooms: if you "
        "have an idea for the neighbourhood, talk to the Community Manager.",
        fr="À la <b>Maison de quartier</b>, vous trouverez une permanence d'écoute, des cours d'italien, des "
        "ateliers, une bibliothèque solidaire et un bistrot. Les groupes et les associations peuvent demander à "
        "utiliser les salles : si vous avez une idée pour le quartier, parlez-en à la community manager.",
        es="En la <b>Casa del Barrio</b> encontrarás un punto de escucha, cursos de italiano, talleres, una "
        "biblioteca social y un bistró. Los grupos y las asociaciones pueden pedir las salas: si tienes una idea "
        "para el barrio, háblalo con la Community Manager.",
        ro="La <b>Casa de Cartier</b> găsești un birou de consiliere, cursuri de italiană, ateliere, o "
        "bibliotecă comunitară și un bistro. Grupurile și asociațiile pot cere sălile în folosință: dacă ai o "
        "idee pentru cartier, vorbește despre ea cu Community Managerul.",
        ar="في <b>بيت الحي</b> تجد مكتبًا للاستماع والإرشاد، ودورات في اللغة الإيطالية، وورش عمل، ومكتبة "
        "اجتماعية، ومقهى. يمكن للمجموعات والجمعيات طلب استخدام القاعات: إن كانت لديك فكرة للحي، فتحدّث عنها "
        "مع منسّقة المجتمع.",
        zh="在<b>社区之家</b>，你可以找到倾听咨询窗口、意大利语课程、工作坊、社区图书馆和一家小餐馆。团体和"
        "协会可以申请使用这里的房间：如果你对街区有什么想法，可以和社区经理聊聊。",
    ),
    # Barriera di Milano
    t(
        "Quartiere storicamente operaio nel nord di Torino, Barriera di Milano ha la quota di residenti "
        "stranieri più alta d'Italia e un tessuto economico e culturale fittissimo: mercati, laboratori, "
        "botteghe e associazioni di ogni origine. Il punto di riferimento sono i Bagni Pubblici di via Agliè.",
        en="A historically working-class neighbourhood in the north of Turin, Barriera di Milano has the highest "
        "share of foreign residents in Italy and a dense economic and cultural fabric: markets, workshops, small "
        "shops and associations of every origin. The place everyone knows is the Bagni Pubblici, the public "
        "baths in Via Agliè.",
        fr="Quartier historiquement ouvrier du nord de Turin, Barriera di Milano compte la plus forte proportion "
        "d'habitants étrangers d'Italie et un tissu économique et culturel très dense : marchés, ateliers, "
        "boutiques et associations de toutes origines. Le lieu de référence, ce sont les Bagni Pubblici, les "
        "bains publics de la via Agliè.",
        es="Barrio históricamente obrero del norte de Turín, Barriera di Milano tiene la proporción de "
        "residentes extranjeros más alta de Italia y un tejido económico y cultural muy denso: mercados, "
        "talleres, tiendas y asociaciones de todos los orígenes. El punto de referencia son los Bagni Pubblici, "
        "los baños públicos de via Agliè.",
        ro="Cartier muncitoresc din nordul orașului Torino, Barriera di Milano are cea mai mare proporție de "
        "locuitori străini din Italia și o viață economică și culturală foarte bogată: piețe, ateliere, "
        "magazine și asociații de toate originile. Punctul de reper sunt Bagni Pubblici, băile publice din via "
        "Agliè.",
        ar="Barriera di Milano حيّ عمّالي تاريخيًا في شمال تورينو، وفيه أعلى نسبة من السكان الأجانب في إيطاليا، "
        "ونسيج اقتصادي وثقافي كثيف جدًا: أسواق وورش ومحلات وجمعيات من كل الأصول. ومرجع الجميع هو Bagni "
        "Pubblici، الحمّامات العامة في شارع Agliè.",
        zh="Barriera di Milano 位于都灵北部，历史上是工人街区，外籍居民比例居全意大利之首，经济和文化生活"
        "十分丰富：市场、作坊、小店和来自各地的协会比比皆是。大家公认的聚集地是阿列街（via Agliè）的公共"
        "浴室 Bagni Pubblici。",
    ),
    t(
        "Dalla barriera daziaria al quartiere di tutti",
        en="From toll gate to everyone's neighbourhood",
        fr="De la barrière d'octroi au quartier de tous",
        es="De la barrera aduanera al barrio de todos",
        ro="De la bariera vamală la cartierul tuturor",
        ar="من حاجز الجمارك إلى حيّ الجميع",
        zh="从关卡到大家的街区",
    ),
    t(
        "Il nome ricorda la barriera daziaria sulla strada per Milano, dove tra Ottocento e Novecento sorsero "
        "fabbriche e case per chi ci lavorava. Dalle migrazioni dal Sud Italia a quelle dal Nord Africa, "
        "dall'Europa dell'Est, dall'Africa occidentale e dalla Cina, Barriera è sempre stata un quartiere di "
        "arrivi: qui si parlano decine di lingue, e le scuole, i mercati e i cortili sono i luoghi dove ci si "
        "incontra.",
        en="The name recalls the toll gate on the road to Milan, where factories and homes for their workers "
        "sprang up between the nineteenth and twentieth centuries. From the migrations from southern Italy to "
        "those from North Africa, Eastern Europe, West Africa and China, Barriera has always been a "
        "neighbourhood of arrivals: dozens of languages are spoken here, and schools, markets and courtyards "
        "are where people meet.",
        fr="Le nom rappelle la barrière d'octroi sur la route de Milan, où s'élevèrent entre le XIXe et le XXe "
        "siècle des usines et des logements pour celles et ceux qui y travaillaient. Des migrations venues du "
        "sud de l'Italie à celles d'Afrique du Nord, d'Europe de l'Est, d'Afrique de l'Ouest et de Chine, "
        "Barriera a toujours été un quartier d'arrivées : on y parle des dizaines de langues, et les écoles, les "
        "marchés et les cours sont les lieux où l'on se rencontre.",
        es="El nombre recuerda la barrera aduanera en el camino a Milán, donde entre los siglos XIX y XX "
        "surgieron fábricas y casas para quienes trabajaban en ellas. De las migraciones del sur de Italia a "
        "las del norte de África, Europa del Este, África occidental y China, Barriera siempre ha sido un barrio "
        "de llegadas: aquí se hablan decenas de idiomas, y las escuelas, los mercados y los patios son los "
        "lugares donde la gente se encuentra.",
        ro="Numele amintește de bariera vamală de pe drumul spre Milano, unde între secolele al XIX-lea și al "
        "XX-lea s-au ridicat fabrici și case pentru cei care lucrau acolo. De la migrațiile din sudul Italiei "
        "până la cele din Africa de Nord, Europa de Est, Africa de Vest și China, Barriera a fost mereu un "
        "cartier al sosirilor: aici se vorbesc zeci de limbi, iar școlile, piețele și curțile sunt locurile în "
        "care oamenii se întâlnesc.",
        ar="يذكّر الاسم بحاجز الجمارك على الطريق إلى ميلانو، حيث نشأت بين القرنين التاسع عشر والعشرين مصانع "
        "وبيوت لمن كانوا يعملون فيها. من الهجرات القادمة من جنوب إيطاليا إلى تلك القادمة من شمال أفريقيا "
        "وأوروبا الشرقية وغرب أفريقيا والصين، كان Barriera دائمًا حيًّا للوافدين: تُتحدّث هنا عشرات اللغات، "
        "والمدارس والأسواق والساحات الداخلية هي الأماكن التي يلتقي فيها الناس.",
        zh="这个名字源自通往米兰的道路上的税卡，十九世纪到二十世纪之间，这里陆续建起了工厂和工人住宅。从"
        "意大利南部的移民，到来自北非、东欧、西非和中国的移民，Barriera 一直是一个迎接新来者的街区：这里"
        "说着几十种语言，学校、市场和庭院是人们相遇的地方。",
    ),
    t(
        "Disegno dei Bagni Pubblici di via Agliè",
        en="Drawing of the Bagni Pubblici in Via Agliè",
        fr="Dessin des Bagni Pubblici de la via Agliè",
        es="Dibujo de los Bagni Pubblici de via Agliè",
        ro="Desen cu Bagni Pubblici din via Agliè",
        ar="رسم لحمّامات Bagni Pubblici في شارع Agliè",
        zh="阿列街公共浴室（Bagni Pubblici）的插画",
    ),
    t(
        "I Bagni Pubblici di via Agliè, in Barriera di Milano",
        en="The Bagni Pubblici in Via Agliè, Barriera di Milano",
        fr="Les Bagni Pubblici de la via Agliè, à Barriera di Milano",
        es="Los Bagni Pubblici de via Agliè, en Barriera di Milano",
        ro="Bagni Pubblici din via Agliè, în Barriera di Milano",
        ar="حمّامات Bagni Pubblici في شارع Agliè، في Barriera di Milano",
        zh="位于 Barriera di Milano 阿列街的公共浴室",
    ),
    t(
        "Nati come bagni pubblici, i <b>Bagni di via Agliè</b> offrono ancora le docce a chi non ne ha una in "
        "casa. Intorno alle docce è cresciuta una Casa del Quartiere con sportelli, corsi di lingua, una cucina "
        "di comunità, un coro e una ciclofficina.",
        en="Built as public baths, the <b>Bagni di via Agliè</b> still offer showers to people who have none at "
        "home. Around the showers a Neighbourhood House has grown, with advice desks, language courses, a "
        "community kitchen, a choir and a bike workshop.",
        fr="Nés comme bains publics, les <b>Bagni di via Agliè</b> offrent toujours des douches à celles et ceux "
        "qui n'en ont pas chez eux. Autour des douches s'est développée une Maison de quartier avec des "
        "permanences, des cours de langue, une cuisine collective, une chorale et un atelier vélo.",
        es="Nacidos como baños públicos, los <b>Bagni di via Agliè</b> todavía ofrecen duchas a quien no tiene "
        "una en casa. Alrededor de las duchas ha crecido una Casa del Barrio con puntos de atención, cursos de "
        "idiomas, una cocina comunitaria, un coro y un taller de bicicletas.",
        ro="Construite ca băi publice, <b>Bagni di via Agliè</b> oferă încă dușuri celor care nu au unul acasă. "
        "În jurul dușurilor a crescut o Casă de Cartier cu birouri de consiliere, cursuri de limbă, o bucătărie "
        "comunitară, un cor și un atelier de biciclete.",
        ar="أُنشئت <b>حمّامات شارع Agliè</b> حمّاماتٍ عامة، وما زالت تقدّم الدُّش لمن لا يملك واحدًا في بيته. "
        "وحول الحمّامات نما بيت للحي فيه مكاتب إرشاد، ودورات لغة، ومطبخ مجتمعي، وجوقة، وورشة لتصليح "
        "الدراجات.",
        zh="<b>阿列街浴室</b>最初是公共浴室，至今仍为家中没有淋浴的人提供洗浴服务。围绕着浴室，发展出了一个"
        "社区之家，设有咨询窗口、语言课程、社区厨房、合唱团和自行车工坊。",
    ),
    t(
        "Qui ho imparato l'italiano, e adesso insegno ai miei vicini a cucinare il mafé.",
        en="I learned Italian here, and now I teach my neighbours how to cook mafé.",
        fr="Ici j'ai appris l'italien, et maintenant j'apprends à mes voisins à cuisiner le mafé.",
        es="Aquí aprendí italiano, y ahora enseño a mis vecinos a cocinar mafé.",
        ro="Aici am învățat italiana, iar acum îi învăț pe vecinii mei să gătească mafé.",
        ar="هنا تعلّمت الإيطالية، والآن أعلّم جيراني طبخ المافيه.",
        zh="我在这里学会了意大利语，现在我教邻居们做花生炖肉（mafé）。",
    ),
    t(
        "Una partecipante del corso per mamme",
        en="A participant in the course for mothers",
        fr="Une participante du cours pour mamans",
        es="Una participante del curso para madres",
        ro="O participantă la cursul pentru mame",
        ar="مشاركة في الدورة المخصّصة للأمهات",
        zh="妈妈课程的一位学员",
    ),
    # Mirafiori Sud
    t(
        "All'estremo sud di Torino, Mirafiori Sud è cresciuto nel Novecento accanto al grande stabilimento "
        "FIAT, con i quartieri di case popolari costruiti per le famiglie degli operai. Oggi è un quartiere "
        "verde, tra il Parco Colonnetti e il Sangone, al centro di progetti di rigenerazione urbana; la Casa nel "
        "Parco è il luogo dove i residenti si incontrano.",
        en="At the far southern edge of Turin, Mirafiori Sud grew up in the twentieth century next to the great "
        "FIAT factory, with the public housing estates built for the workers' families. Today it is a green "
        "neighbourhood between Parco Colonnetti and the Sangone river, at the heart of urban regeneration "
        "projects; the Casa nel Parco is where residents meet.",
        fr="À l'extrême sud de Turin, Mirafiori Sud s'est développé au XXe siècle à côté de la grande usine "
        "FIAT, avec les cités de logements sociaux construites pour les familles ouvrières. C'est aujourd'hui "
        "un quartier vert, entre le parc Colonnetti et le Sangone, au cœur de projets de rénovation urbaine ; la "
        "Casa nel Parco est le lieu où les habitants se retrouvent.",
        es="En el extremo sur de Turín, Mirafiori Sud creció en el siglo XX junto a la gran fábrica de FIAT, con "
        "los barrios de viviendas sociales construidos para las familias obreras. Hoy es un barrio verde, entre "
        "el Parque Colonnetti y el río Sangone, en el centro de proyectos de regeneración urbana; la Casa nel "
        "Parco es el lugar donde se encuentran los vecinos.",
        ro="În extremitatea sudică a orașului Torino, Mirafiori Sud a crescut în secolul XX lângă marea fabrică "
        "FIAT, cu cartierele de locuințe sociale construite pentru familiile muncitorilor. Astăzi este un "
        "cartier verde, între Parcul Colonnetti și râul Sangone, în centrul unor proiecte de regenerare urbană; "
        "Casa nel Parco este locul unde se întâlnesc locuitorii.",
        ar="في أقصى جنوب تورينو، نما حيّ Mirafiori Sud في القرن العشرين بجوار مصنع FIAT الكبير، مع أحياء "
        "المساكن الشعبية التي بُنيت لعائلات العمّال. وهو اليوم حيّ أخضر بين حديقة Colonnetti ونهر Sangone، في "
        "قلب مشاريع التجديد الحضري؛ وCasa nel Parco هو المكان الذي يلتقي فيه السكان.",
        zh="Mirafiori Sud 位于都灵最南端，二十世纪时在菲亚特（FIAT）大工厂旁发展起来，建有许多为工人家庭"
        "修建的公共住房。如今这里是一个绿意盎然的街区，位于科隆内蒂公园（Parco Colonnetti）和桑戈内河"
        "（Sangone）之间，是城市更新项目的中心；公园之家（Casa nel Parco）是居民们相聚的地方。",
    ),
    t(
        "Dalla fabbrica al parco",
        en="From the factory to the park",
        fr="De l'usine au parc",
        es="De la fábrica al parque",
        ro="De la fabrică la parc",
        ar="من المصنع إلى الحديقة",
        zh="从工厂到公园",
    ),
    t(
        "Per decenni la vita del quartiere ha seguito i turni della fabbrica. Con la crisi dell'industria sono "
        "cambiati il lavoro e le famiglie, ma è rimasta una forte abitudine a fare le cose insieme: orti "
        "condivisi, gruppi di cammino, feste nei cortili e una rete di associazioni che si prende cura delle "
        "persone e degli spazi.",
        en="For decades the neighbourhood's life followed the factory shifts. With the industrial crisis, work "
        "and families changed, but a strong habit of doing things together remained: shared vegetable gardens, "
        "walking groups, courtyard parties and a network of associations that looks after people and places.",
        fr="Pendant des décennies, la vie du quartier a suivi les horaires d'équipe de l'usine. Avec la crise de "
        "l'industrie, le travail et les familles ont changé, mais une forte habitude de faire les choses "
        "ensemble est restée : potagers partagés, groupes de marche, fêtes dans les cours et un réseau "
        "d'associations qui prend soin des personnes et des lieux.",
        es="Durante décadas la vida del barrio siguió los turnos de la fábrica. Con la crisis de la industria "
        "cambiaron el trabajo y las familias, pero quedó una fuerte costumbre de hacer las cosas juntos: huertos "
        "compartidos, grupos de caminata, fiestas en los patios y una red de asociaciones que cuida de las "
        "personas y de los espacios.",
        ro="Timp de decenii, viața cartierului a urmat turele fabricii. Odată cu criza industriei s-au schimbat "
        "munca și familiile, dar a rămas un puternic obicei de a face lucrurile împreună: grădini comunitare, "
        "grupuri de mers pe jos, petreceri în curți și o rețea de asociații care are grijă de oameni și de "
        "locuri.",
        ar="على مدى عقود، سارت حياة الحي على إيقاع نوبات العمل في المصنع. ومع أزمة الصناعة تغيّر العمل وتغيّرت "
        "العائلات، لكن بقيت عادة قوية في القيام بالأشياء معًا: حدائق مشتركة، ومجموعات للمشي، واحتفالات في "
        "الساحات الداخلية، وشبكة من الجمعيات ترعى الناس والأماكن.",
        zh="几十年来，街区的生活节奏一直跟随着工厂的班次。工业危机之后，工作和家庭都变了，但大家一起做事的"
        "传统保留了下来：共享菜园、健走小组、庭院聚会，还有一个关爱居民和公共空间的协会网络。",
    ),
    t(
        "Disegno della Casa nel Parco tra gli alberi",
        en="Drawing of the Casa nel Parco among the trees",
        fr="Dessin de la Casa nel Parco entre les arbres",
        es="Dibujo de la Casa nel Parco entre los árboles",
        ro="Desen cu Casa nel Parco printre copaci",
        ar="رسم لبيت Casa nel Parco بين الأشجار",
        zh="树丛中的公园之家插画",
    ),
    t(
        "La Casa nel Parco, in via Panetti 1, dentro il Parco Colonnetti",
        en="The Casa nel Parco, at Via Panetti 1, inside Parco Colonnetti",
        fr="La Casa nel Parco, via Panetti 1, dans le parc Colonnetti",
        es="La Casa nel Parco, en via Panetti 1, dentro del Parque Colonnetti",
        ro="Casa nel Parco, în via Panetti 1, în Parcul Colonnetti",
        ar="Casa nel Parco في via Panetti 1، داخل حديقة Colonnetti",
        zh="公园之家，地址：via Panetti 1，位于科隆内蒂公园内",
    ),
    t(
        "Il parco è il nostro salotto: d'estate ci ritroviamo tutti qui.",
        en="The park is our living room: in summer we all meet up here.",
        fr="Le parc, c'est notre salon : l'été, on s'y retrouve tous.",
        es="El parque es nuestro salón: en verano nos reunimos todos aquí.",
        ro="Parcul e sufrageria noastră: vara ne întâlnim cu toții aici.",
        ar="الحديقة هي صالوننا: في الصيف نلتقي جميعًا هنا.",
        zh="公园就是我们的客厅：夏天大家都在这里相聚。",
    ),
    t(
        "Una residente di Mirafiori Sud",
        en="A resident of Mirafiori Sud",
        fr="Une habitante de Mirafiori Sud",
        es="Una vecina de Mirafiori Sud",
        ro="O locuitoare din Mirafiori Sud",
        ar="ساكنة من Mirafiori Sud",
        zh="Mirafiori Sud 的一位居民",
    ),
]

# Shared by several activities.
COMMON = [
    t(
        "Chiuso nei giorni festivi.",
        en="Closed on public holidays.",
        fr="Fermé les jours fériés.",
        es="Cerrado los festivos.",
        ro="Închis în zilele de sărbătoare legală.",
        ar="مغلق في أيام العطل الرسمية.",
        zh="公共假日休息。",
    ),
    t(
        "Non serve prenotare.",
        en="No need to book.",
        fr="Pas besoin de réserver.",
        es="No hace falta reservar.",
        ro="Nu e nevoie de rezervare.",
        ar="لا حاجة إلى الحجز.",
        zh="无需预约。",
    ),
]

SAN_SALVARIO_ACTIVITIES = [
    t(
        "Sportello di ascolto",
        en="Listening and advice desk",
        fr="Permanence d'écoute",
        es="Punto de escucha",
        ro="Birou de ascultare și sprijin",
        ar="مكتب الاستماع",
        zh="倾听咨询窗口",
    ),
    t(
        "Un posto dove raccontare un problema e trovare chi può aiutare: casa, lavoro, documenti, scuola e "
        "servizi del Comune. Gratuito, senza appuntamento.",
        en="A place to talk about a problem and find someone who can help: housing, work, documents, school and "
        "council services. Free, no appointment needed.",
        fr="Un lieu pour parler d'un problème et trouver qui peut vous aider : logement, travail, papiers, école "
        "et services de la mairie. Gratuit, sans rendez-vous.",
        es="Un lugar donde contar un problema y encontrar a quien pueda ayudar: vivienda, trabajo, documentos, "
        "escuela y servicios del Ayuntamiento. Gratuito, sin cita previa.",
        ro="Un loc unde poți povesti o problemă și găsi pe cineva care să te ajute: locuință, muncă, acte, "
        "școală și serviciile Primăriei. Gratuit, fără programare.",
        ar="مكان تحكي فيه عن مشكلتك وتجد من يستطيع مساعدتك: السكن، والعمل، والوثائق، والمدرسة، وخدمات البلدية. "
        "مجاني ومن دون موعد.",
        zh="在这里可以说出你遇到的问题，并找到能帮忙的人：住房、工作、证件、学校和市政服务。免费，无需预约。",
    ),
    t(
        "Allo sportello ti accolgono operatrici e volontari che ascoltano con calma, senza giudicare, e ti "
        "aiutano a capire a chi rivolgerti. Se serve, ti accompagnano ai servizi del Comune, ai patronati e "
        "alle associazioni del quartiere.",
        en="At the desk you are welcomed by staff and volunteers who listen calmly, without judging, and help "
        "you work out whom to turn to. If needed, they go with you to the council's services, to the welfare "
        "advice offices and to the neighbourhood's associations.",
        fr="À la permanence, des intervenantes et des bénévoles vous accueillent, vous écoutent calmement, sans "
        "juger, et vous aident à comprendre à qui vous adresser. Si besoin, ils vous accompagnent vers les "
        "services de la mairie, les bureaux d'aide sociale et les associations du quartier.",
        es="En el punto te reciben profesionales y voluntarios que escuchan con calma, sin juzgar, y te ayudan "
        "a entender a quién dirigirte. Si hace falta, te acompañan a los servicios del Ayuntamiento, a las "
        "oficinas de asistencia social y a las asociaciones del barrio.",
        ro="La birou te primesc angajate și voluntari care te ascultă cu calm, fără să te judece, și te ajută să "
        "înțelegi cui să te adresezi. Dacă e nevoie, te însoțesc la serviciile Primăriei, la birourile de "
        "asistență socială și la asociațiile din cartier.",
        ar="في المكتب تستقبلك موظفات ومتطوعون يستمعون إليك بهدوء ومن دون أحكام، ويساعدونك على معرفة الجهة التي "
        "عليك التوجّه إليها. وإن لزم الأمر، يرافقونك إلى خدمات البلدية ومكاتب المساعدة الاجتماعية وجمعيات الحي.",
        zh="在窗口接待你的是工作人员和志愿者，他们会耐心倾听、不加评判，并帮你弄清楚该去找谁。如有需要，他们"
        "还会陪你去市政服务处、社会援助机构和街区的协会。",
    ),
    t(
        "Per che cosa puoi venire",
        en="What you can come for",
        fr="Pour quoi venir",
        es="Para qué puedes venir",
        ro="Pentru ce poți veni",
        ar="لماذا يمكنك أن تأتي",
        zh="你可以来咨询什么",
    ),
    t(
        "cercare casa o risolvere un problema con il contratto d'affitto;",
        en="looking for a home or sorting out a problem with your rental contract;",
        fr="chercher un logement ou régler un problème de bail ;",
        es="buscar vivienda o resolver un problema con el contrato de alquiler;",
        ro="să cauți o locuință sau să rezolvi o problemă cu contractul de închiriere;",
        ar="البحث عن سكن أو حلّ مشكلة في عقد الإيجار؛",
        zh="找房子，或解决租房合同方面的问题；",
    ),
    t(
        "rinnovare un documento o prenotare un appuntamento in Comune;",
        en="renewing a document or booking an appointment at the council;",
        fr="renouveler un papier ou prendre rendez-vous à la mairie ;",
        es="renovar un documento o pedir cita en el Ayuntamiento;",
        ro="să reînnoiești un act sau să faci o programare la Primărie;",
        ar="تجديد وثيقة أو حجز موعد في البلدية؛",
        zh="更新证件，或在市政厅预约办事；",
    ),
    t(
        "iscrivere i figli a scuola o al nido;",
        en="enrolling your children at school or nursery;",
        fr="inscrire vos enfants à l'école ou à la crèche ;",
        es="inscribir a tus hijos en la escuela o en la guardería;",
        ro="să-ți înscrii copiii la școală sau la creșă;",
        ar="تسجيل الأطفال في المدرسة أو الحضانة؛",
        zh="为孩子报名上学或上托儿所；",
    ),
    t(
        "orientarti tra lavoro, corsi e tirocini.",
        en="finding your way among jobs, courses and traineeships.",
        fr="vous orienter entre emploi, formations et stages.",
        es="orientarte entre trabajo, cursos y prácticas.",
        ro="să te orientezi între locuri de muncă, cursuri și stagii.",
        ar="التوجيه في مجالات العمل والدورات والتدريب المهني.",
        zh="了解工作、课程和实习的各种机会。",
    ),
    t(
        "Non serve prenotare: basta presentarsi il martedì mattina. Per un colloquio più lungo si può fissare un "
        "appuntamento per telefono o per e-mail.",
        en="No need to book: just come along on Tuesday morning. For a longer meeting you can make an "
        "appointment by phone or e-mail.",
        fr="Pas besoin de réserver : il suffit de venir le mardi matin. Pour un entretien plus long, vous pouvez "
        "prendre rendez-vous par téléphone ou par e-mail.",
        es="No hace falta reservar: basta con venir el martes por la mañana. Para una entrevista más larga se "
        "puede pedir cita por teléfono o por correo electrónico.",
        ro="Nu e nevoie de programare: vii pur și simplu marți dimineața. Pentru o discuție mai lungă poți face "
        "o programare la telefon sau prin e-mail.",
        ar="لا حاجة إلى الحجز: يكفي أن تحضر صباح الثلاثاء. ولمقابلة أطول، يمكنك تحديد موعد بالهاتف أو بالبريد "
        "الإلكتروني.",
        zh="无需预约：周二上午直接来即可。如需较长时间的面谈，可通过电话或电子邮件预约。",
    ),
    t(
        "Corso di italiano per stranieri",
        en="Italian course for foreigners",
        fr="Cours d'italien pour étrangers",
        es="Curso de italiano para extranjeros",
        ro="Curs de italiană pentru străini",
        ar="دورة اللغة الإيطالية للأجانب",
        zh="外国人意大利语课程",
    ),
    t(
        "Lezioni di italiano in piccoli gruppi, dal livello principiante al B1, il lunedì e il mercoledì sera. "
        "Gratuito, aperto a tutte le persone adulte.",
        en="Italian lessons in small groups, from beginner to B1 level, on Monday and Wednesday evenings. Free "
        "and open to all adults.",
        fr="Cours d'italien en petits groupes, du niveau débutant au B1, le lundi et le mercredi soir. Gratuit, "
        "ouvert à tous les adultes.",
        es="Clases de italiano en grupos pequeños, del nivel principiante al B1, los lunes y miércoles por la "
        "tarde. Gratuito y abierto a todas las personas adultas.",
        ro="Lecții de italiană în grupuri mici, de la nivel începător până la B1, luni și miercuri seara. "
        "Gratuit, deschis tuturor adulților.",
        ar="دروس في اللغة الإيطالية ضمن مجموعات صغيرة، من المستوى المبتدئ حتى B1، مساء الاثنين والأربعاء. "
        "مجانية ومفتوحة لجميع البالغين.",
        zh="小班意大利语课，从零基础到 B1 水平，每周一和周三晚上上课。免费，面向所有成年人。",
    ),
    t(
        "Il corso è tenuto da insegnanti volontarie e volontari. Si impara a parlare di sé, a muoversi in città, "
        "a capire un avviso della scuola o una lettera del medico. Si lavora in gruppi per livello (A1, A2 e "
        "B1), con giochi, canzoni e uscite nel quartiere.",
        en="The course is taught by volunteer teachers. You learn to talk about yourself, to get around the "
        "city, to understand a notice from school or a letter from the doctor. Groups are organised by level "
        "(A1, A2 and B1), with games, songs and outings in the neighbourhood.",
        fr="Le cours est assuré par des enseignantes et des enseignants bénévoles. On apprend à parler de soi, à "
        "se déplacer en ville, à comprendre un avis de l'école ou une lettre du médecin. On travaille en groupes "
        "de niveau (A1, A2 et B1), avec des jeux, des chansons et des sorties dans le quartier.",
        es="El curso lo imparten profesoras y profesores voluntarios. Se aprende a hablar de uno mismo, a "
        "moverse por la ciudad, a entender un aviso de la escuela o una carta del médico. Se trabaja en grupos "
        "por nivel (A1, A2 y B1), con juegos, canciones y salidas por el barrio.",
        ro="Cursul este ținut de profesoare și profesori voluntari. Înveți să vorbești despre tine, să te "
        "descurci prin oraș, să înțelegi un anunț de la școală sau o scrisoare de la medic. Se lucrează pe "
        "grupe de nivel (A1, A2 și B1), cu jocuri, cântece și ieșiri prin cartier.",
        ar="يقدّم الدورة معلّمات ومعلّمون متطوّعون. تتعلّم فيها أن تتحدّث عن نفسك، وأن تتنقّل في المدينة، وأن "
        "تفهم إشعارًا من المدرسة أو رسالة من الطبيب. يجري العمل في مجموعات حسب المستوى (A1 وA2 وB1)، مع ألعاب "
        "وأغانٍ وجولات في الحي.",
        zh="课程由志愿教师授课。你将学习如何介绍自己、如何在城里出行、如何看懂学校的通知或医生的来信。按水平"
        "分组（A1、A2 和 B1），还有游戏、歌曲和街区外出活动。",
    ),
    t(
        "All'inizio non capivo niente, adesso al mercato scherzo con tutti.",
        en="At first I didn't understand a thing; now I joke with everyone at the market.",
        fr="Au début je ne comprenais rien, maintenant je plaisante avec tout le monde au marché.",
        es="Al principio no entendía nada; ahora en el mercado bromeo con todos.",
        ro="La început nu înțelegeam nimic, acum glumesc cu toată lumea la piață.",
        ar="في البداية لم أكن أفهم شيئًا، والآن أمزح مع الجميع في السوق.",
        zh="一开始我什么都听不懂，现在在菜市场我能跟每个人开玩笑了。",
    ),
    t(
        "Una studentessa del gruppo A2",
        en="A student in the A2 group",
        fr="Une élève du groupe A2",
        es="Una alumna del grupo A2",
        ro="O cursantă din grupa A2",
        ar="طالبة في مجموعة A2",
        zh="A2 班的一位学员",
    ),
    t(
        "Iscriviti al corso",
        en="Sign up for the course",
        fr="S'inscrire au cours",
        es="Inscríbete en el curso",
        ro="Înscrie-te la curs",
        ar="سجّل في الدورة",
        zh="报名参加课程",
    ),
    t(
        "Iscrizioni allo sportello della Casa dal lunedì al venerdì, dalle 9 alle 13. Porta un documento "
        "d'identità, anche scaduto. All'iscrizione facciamo un breve colloquio per trovare il gruppo giusto.",
        en="Sign up at the House's front desk from Monday to Friday, 9:00 to 13:00. Bring an identity document, "
        "even an expired one. When you sign up we have a short chat to find the right group for you.",
        fr="Inscriptions à l'accueil de la Maison du lundi au vendredi, de 9 h à 13 h. Apportez une pièce "
        "d'identité, même périmée. À l'inscription, nous faisons un court entretien pour trouver le bon groupe.",
        es="Inscripciones en la recepción de la Casa de lunes a viernes, de 9 a 13 h. Trae un documento de "
        "identidad, aunque esté caducado. Al inscribirte tenemos una breve charla para encontrar el grupo "
        "adecuado.",
        ro="Înscrieri la biroul Casei de luni până vineri, între orele 9 și 13. Adu un act de identitate, chiar "
        "și expirat. La înscriere avem o scurtă discuție ca să găsim grupa potrivită.",
        ar="التسجيل في مكتب البيت من الاثنين إلى الجمعة، من الساعة 9 حتى 13. أحضر وثيقة هوية، ولو كانت منتهية "
        "الصلاحية. عند التسجيل نجري حديثًا قصيرًا لنجد لك المجموعة المناسبة.",
        zh="周一至周五 9:00–13:00 在社区之家前台报名。请携带身份证件，过期的也可以。报名时我们会简单聊一聊，"
        "帮你找到合适的班级。",
    ),
    t(
        "Pausa durante le vacanze di Natale e ad agosto.",
        en="Break over the Christmas holidays and in August.",
        fr="Pause pendant les vacances de Noël et en août.",
        es="Pausa durante las vacaciones de Navidad y en agosto.",
        ro="Pauză în vacanța de Crăciun și în august.",
        ar="توقّف خلال عطلة عيد الميلاد وفي شهر أغسطس.",
        zh="圣诞假期和八月停课。",
    ),
    t(
        "Open day del corso di italiano",
        en="Open day of the Italian course",
        fr="Journée portes ouvertes du cours d'italien",
        es="Jornada de puertas abiertas del curso de italiano",
        ro="Ziua porților deschise la cursul de italiană",
        ar="اليوم المفتوح لدورة اللغة الإيطالية",
        zh="意大利语课程开放日",
    ),
    t(
        "Una mattina per conoscere le insegnanti, fare il test di livello e iscriversi al corso di italiano. "
        "C'è uno spazio gioco per i bambini.",
        en="A morning to meet the teachers, take the level test and sign up for the Italian course. There is a "
        "play area for children.",
        fr="Une matinée pour rencontrer les enseignantes, passer le test de niveau et s'inscrire au cours "
        "d'italien. Un espace de jeu accueille les enfants.",
        es="Una mañana para conocer a las profesoras, hacer la prueba de nivel e inscribirse en el curso de "
        "italiano. Hay un espacio de juego para los niños.",
        ro="O dimineață în care le cunoști pe profesoare, dai testul de nivel și te înscrii la cursul de "
        "italiană. Există un spațiu de joacă pentru copii.",
        ar="صباح للتعرّف إلى المعلّمات، وإجراء اختبار تحديد المستوى، والتسجيل في دورة اللغة الإيطالية. تتوفر "
        "مساحة لعب للأطفال.",
        zh="用一个上午认识老师、参加分级测试并报名意大利语课程。现场设有儿童游戏区。",
    ),
    t(
        "Vieni a vedere come si lavora in classe, fai il test di livello con calma e scegli il gruppo e l'orario "
        "che fanno per te. Le insegnanti rispondono alle domande anche in inglese, francese e arabo.",
        en="Come and see how lessons work, take the level test at your own pace and choose the group and time "
        "that suit you. The teachers also answer questions in English, French and Arabic.",
        fr="Venez voir comment on travaille en classe, passez le test de niveau tranquillement et choisissez le "
        "groupe et l'horaire qui vous conviennent. Les enseignantes répondent aussi aux questions en anglais, "
        "en français et en arabe.",
        es="Ven a ver cómo se trabaja en clase, haz la prueba de nivel con calma y elige el grupo y el horario "
        "que mejor te vayan. Las profesoras responden a las preguntas también en inglés, francés y árabe.",
        ro="Vino să vezi cum se lucrează la curs, dă testul de nivel fără grabă și alege grupa și orarul care ți "
        "se potrivesc. Profesoarele răspund la întrebări și în engleză, franceză și arabă.",
        ar="تعال لترى كيف تجري الدروس، وأجرِ اختبار المستوى على مهل، واختر المجموعة والتوقيت المناسبين لك. "
        "تجيب المعلّمات عن الأسئلة أيضًا بالإنجليزية والفرنسية والعربية.",
        zh="欢迎来看看课堂是怎样上课的，从容地参加分级测试，并选择适合你的班级和时间。老师也可以用英语、法语"
        "和阿拉伯语回答问题。",
    ),
    t(
        "Leggi tutto sul corso",
        en="Read all about the course",
        fr="Tout savoir sur le cours",
        es="Lee todo sobre el curso",
        ro="Citește totul despre curs",
        ar="اقرأ كل شيء عن الدورة",
        zh="了解课程详情",
    ),
    t(
        "Non serve prenotare. Porta un documento d'identità, anche scaduto.",
        en="No need to book. Bring an identity document, even an expired one.",
        fr="Pas besoin de réserver. Apportez une pièce d'identité, même périmée.",
        es="No hace falta reservar. Trae un documento de identidad, aunque esté caducado.",
        ro="Nu e nevoie de rezervare. Adu un act de identitate, chiar și expirat.",
        ar="لا حاجة إلى الحجز. أحضر وثيقة هوية، ولو كانت منتهية الصلاحية.",
        zh="无需预约。请携带身份证件，过期的也可以。",
    ),
    t(
        "Lingue in circolo",
        en="Language circle",
        fr="Cercle des langues",
        es="Lenguas en círculo",
        ro="Cercul limbilor",
        ar="حلقة اللغات",
        zh="语言交换圈",
    ),
    t(
        "Tandem linguistico del giovedì: in coppia o in piccoli gruppi si parla un po' nella propria lingua e un "
        "po' in quella dell'altro. Gratuito, tutti i livelli.",
        en="Thursday language tandem: in pairs or small groups, you speak a little in your own language and a "
        "little in the other person's. Free, all levels.",
        fr="Tandem linguistique du jeudi : en binôme ou en petits groupes, on parle un peu dans sa langue et un "
        "peu dans celle de l'autre. Gratuit, tous niveaux.",
        es="Intercambio de idiomas de los jueves: en parejas o en grupos pequeños se habla un poco en la propia "
        "lengua y un poco en la del otro. Gratuito, todos los niveles.",
        ro="Tandem lingvistic de joi: în perechi sau în grupuri mici vorbești puțin în limba ta și puțin în "
        "limba celuilalt. Gratuit, toate nivelurile.",
        ar="تبادل لغوي كل خميس: في ثنائيات أو مجموعات صغيرة، نتحدّث قليلًا بلغتنا وقليلًا بلغة الآخر. مجاني "
        "ولجميع المستويات.",
        zh="每周四的语言互助交流：两人一组或分成小组，用自己的母语和对方的语言轮流聊天。免费，不限水平。",
    ),
    t(
        "Ogni tavolo ha una bandierina con le lingue di chi ci siede. Si cambia tavolo ogni mezz'ora: chi impara "
        "l'italiano trova chi vuole esercitarsi in arabo, cinese o spagnolo, e viceversa.",
        en="Each table has a little flag showing the languages of the people sitting there. You change tables "
        "every half hour: people learning Italian meet people who want to practise Arabic, Chinese or Spanish, "
        "and the other way round.",
        fr="Chaque table a un petit drapeau avec les langues de celles et ceux qui y sont assis. On change de "
        "table toutes les demi-heures : qui apprend l'italien rencontre qui veut s'exercer en arabe, en chinois "
        "ou en espagnol, et inversement.",
        es="Cada mesa tiene una banderita con los idiomas de quienes se sientan en ella. Se cambia de mesa cada "
        "media hora: quien aprende italiano encuentra a quien quiere practicar árabe, chino o español, y "
        "viceversa.",
        ro="Fiecare masă are un steguleț cu limbile celor care stau la ea. Se schimbă masa la fiecare jumătate "
        "de oră: cine învață italiana găsește pe cineva care vrea să exerseze araba, chineza sau spaniola, și "
        "invers.",
        ar="على كل طاولة علم صغير يبيّن لغات الجالسين إليها. نغيّر الطاولة كل نصف ساعة: من يتعلّم الإيطالية "
        "يلتقي بمن يريد التدرّب على العربية أو الصينية أو الإسبانية، والعكس صحيح.",
        zh="每张桌子上都插着一面小旗，标明坐在那里的人会说的语言。每半小时换一次桌子：学意大利语的人可以遇到"
        "想练习阿拉伯语、中文或西班牙语的人，反之亦然。",
    ),
    t(
        "Non serve prenotare: porta solo la voglia di parlare.",
        en="No need to book: just bring the wish to talk.",
        fr="Pas besoin de réserver : venez simplement avec l'envie de parler.",
        es="No hace falta reservar: trae solo las ganas de hablar.",
        ro="Nu e nevoie de rezervare: adu doar cheful de vorbă.",
        ar="لا حاجة إلى الحجز: أحضر معك فقط رغبتك في الكلام.",
        zh="无需预约：只要带上想聊天的心情就好。",
    ),
    t(
        "Giovedì la sala grande ospita l'assemblea dei soci: Lingue in circolo riprende la settimana successiva.",
        en="On Thursday the main hall hosts the members' meeting: the Language circle starts again the "
        "following week.",
        fr="Jeudi, la grande salle accueille l'assemblée des membres : le Cercle des langues reprend la semaine "
        "suivante.",
        es="El jueves la sala grande acoge la asamblea de socios: Lenguas en círculo vuelve la semana siguiente.",
        ro="Joi sala mare găzduiește adunarea membrilor: Cercul limbilor se reia săptămâna următoare.",
        ar="يوم الخميس تستضيف القاعة الكبرى اجتماع الأعضاء: تُستأنف حلقة اللغات في الأسبوع التالي.",
        zh="周四大厅将举行会员大会：语言交换圈下周恢复。",
    ),
]

BARRIERA_ACTIVITIES = [
    t(
        "Sportello lavoro e documenti",
        en="Work and documents desk",
        fr="Permanence emploi et papiers",
        es="Punto de empleo y documentos",
        ro="Birou pentru muncă și acte",
        ar="مكتب العمل والوثائق",
        zh="工作与证件咨询窗口",
    ),
    t(
        "Aiuto per scrivere un curriculum, cercare lavoro, capire una busta paga o rinnovare il permesso di "
        "soggiorno, con mediatrici e mediatori che parlano la tua lingua.",
        en="Help with writing a CV, looking for work, understanding a payslip or renewing your residence "
        "permit, with mediators who speak your language.",
        fr="De l'aide pour rédiger un CV, chercher du travail, comprendre une fiche de paie ou renouveler votre "
        "titre de séjour, avec des médiatrices et des médiateurs qui parlent votre langue.",
        es="Ayuda para escribir un currículum, buscar trabajo, entender una nómina o renovar el permiso de "
        "residencia, con mediadoras y mediadores que hablan tu idioma.",
        ro="Ajutor pentru a scrie un CV, a căuta de lucru, a înțelege un fluturaș de salariu sau a reînnoi "
        "permisul de ședere, cu mediatoare și mediatori care vorbesc limba ta.",
        ar="مساعدة في كتابة السيرة الذاتية، والبحث عن عمل، وفهم قسيمة الراتب، وتجديد تصريح الإقامة، مع وسيطات "
        "ووسطاء يتحدّثون لغتك.",
        zh="帮助你写简历、找工作、看懂工资单或续办居留许可，调解员会说你的语言。",
    ),
    t(
        "Lo sportello è gestito da operatori e mediatori culturali che parlano arabo, francese, wolof, rumeno e "
        "cinese. Non sostituisce gli uffici pubblici, ma ti aiuta a prepararti, a compilare i moduli e a capire "
        "le risposte.",
        en="The desk is run by staff and cultural mediators who speak Arabic, French, Wolof, Romanian and "
        "Chinese. It does not replace the public offices, but it helps you prepare, fill in the forms and "
        "understand the answers.",
        fr="La permanence est tenue par des intervenants et des médiateurs culturels qui parlent arabe, "
        "français, wolof, roumain et chinois. Elle ne remplace pas les administrations, mais elle vous aide à "
        "vous préparer, à remplir les formulaires et à comprendre les réponses.",
        es="El punto lo gestionan profesionales y mediadores culturales que hablan árabe, francés, wolof, rumano "
        "y chino. No sustituye a las oficinas públicas, pero te ayuda a prepararte, a rellenar los formularios "
        "y a entender las respuestas.",
        ro="Biroul este condus de angajați și mediatori culturali care vorbesc arabă, franceză, wolof, română și "
        "chineză. Nu înlocuiește instituțiile publice, dar te ajută să te pregătești, să completezi formularele "
        "și să înțelegi răspunsurile.",
        ar="يدير المكتب موظفون ووسطاء ثقافيون يتحدّثون العربية والفرنسية والولوفية والرومانية والصينية. لا يحلّ "
        "محلّ المكاتب العامة، لكنه يساعدك على الاستعداد وملء الاستمارات وفهم الردود.",
        zh="窗口由会说阿拉伯语、法语、沃洛夫语、罗马尼亚语和中文的工作人员及文化调解员负责。它不能代替政府"
        "部门，但可以帮你做好准备、填写表格并理解答复。",
    ),
    t(
        "Cosa portare",
        en="What to bring",
        fr="Ce qu'il faut apporter",
        es="Qué traer",
        ro="Ce să aduci",
        ar="ماذا تحضر معك",
        zh="需要携带的材料",
    ),
    t(
        "un documento d'identità o il permesso di soggiorno;",
        en="an identity document or your residence permit;",
        fr="une pièce d'identité ou le titre de séjour ;",
        es="un documento de identidad o el permiso de residencia;",
        ro="un act de identitate sau permisul de ședere;",
        ar="وثيقة هوية أو تصريح الإقامة؛",
        zh="身份证件或居留许可；",
    ),
    t(
        "il codice fiscale o la tessera sanitaria;",
        en="your tax code or health card;",
        fr="le code fiscal ou la carte de santé ;",
        es="el código fiscal o la tarjeta sanitaria;",
        ro="codul fiscal sau cardul de sănătate;",
        ar="الرقم الضريبي (codice fiscale) أو البطاقة الصحية؛",
        zh="税号（codice fiscale）或医保卡；",
    ),
    t(
        "le lettere o i moduli che hai ricevuto.",
        en="the letters or forms you have received.",
        fr="les lettres ou les formulaires que vous avez reçus.",
        es="las cartas o los formularios que has recibido.",
        ro="scrisorile sau formularele pe care le-ai primit.",
        ar="الرسائل أو الاستمارات التي وصلتك.",
        zh="你收到的信件或表格。",
    ),
    t(
        "Il mercoledì pomeriggio senza appuntamento, fino a esaurimento dei posti: all'ingresso si prende il "
        "numero.",
        en="Wednesday afternoons without an appointment, while places last: take a number at the entrance.",
        fr="Le mercredi après-midi sans rendez-vous, dans la limite des places disponibles : on prend un numéro "
        "à l'entrée.",
        es="Los miércoles por la tarde sin cita, hasta completar el aforo: a la entrada se coge número.",
        ro="Miercuri după-amiaza, fără programare, în limita locurilor disponibile: la intrare iei un număr de "
        "ordine.",
        ar="بعد ظهر الأربعاء من دون موعد، حتى نفاد الأماكن: خذ رقمًا عند المدخل.",
        zh="每周三下午，无需预约，名额有限，先到先得：请在入口处取号。",
    ),
    t(
        "Italiano per mamme e bambini",
        en="Italian for mothers and children",
        fr="Italien pour mamans et enfants",
        es="Italiano para madres y niños",
        ro="Italiană pentru mame și copii",
        ar="الإيطالية للأمهات والأطفال",
        zh="妈妈和孩子的意大利语课",
    ),
    t(
        "Corso di italiano per mamme, di mattina, con uno spazio gioco per i bambini piccoli nella stanza "
        "accanto. Si impara la lingua e si conoscono i servizi del quartiere.",
        en="A morning Italian course for mothers, with a play area for small children in the room next door. "
        "You learn the language and get to know the neighbourhood's services.",
        fr="Cours d'italien pour les mamans, le matin, avec un espace de jeu pour les petits dans la salle d'à "
        "côté. On apprend la langue et on découvre les services du quartier.",
        es="Curso de italiano para madres, por la mañana, con un espacio de juego para los niños pequeños en la "
        "sala de al lado. Se aprende el idioma y se conocen los servicios del barrio.",
        ro="Curs de italiană pentru mame, dimineața, cu un spațiu de joacă pentru copiii mici în camera de "
        "alături. Înveți limba și afli ce servicii există în cartier.",
        ar="دورة صباحية في اللغة الإيطالية للأمهات، مع مساحة لعب للأطفال الصغار في الغرفة المجاورة. نتعلّم "
        "اللغة ونتعرّف إلى خدمات الحي.",
        zh="面向妈妈的上午意大利语课，隔壁房间设有幼儿游戏区。既学语言，又了解街区的各项服务。",
    ),
    t(
        "Le lezioni partono dalla vita di tutti i giorni: la pediatra, la scuola, il mercato, i mezzi pubblici. "
        "Una volta al mese il gruppo visita insieme un servizio del quartiere, come la biblioteca o il "
        "consultorio.",
        en="Lessons start from everyday life: the paediatrician, school, the market, public transport. Once a "
        "month the group visits one of the neighbourhood's services together, such as the library or the "
        "family health centre.",
        fr="Les cours partent de la vie de tous les jours : la pédiatre, l'école, le marché, les transports en "
        "commun. Une fois par mois, le groupe visite ensemble un service du quartier, comme la bibliothèque ou "
        "le centre de santé familiale.",
        es="Las clases parten de la vida cotidiana: la pediatra, la escuela, el mercado, el transporte público. "
        "Una vez al mes el grupo visita junto un servicio del barrio, como la biblioteca o el centro de salud "
        "familiar.",
        ro="Lecțiile pornesc de la viața de zi cu zi: pediatra, școala, piața, transportul public. O dată pe "
        "lună grupul vizitează împreună un serviciu din cartier, cum ar fi biblioteca sau centrul de sănătate "
        "pentru familie.",
        ar="تنطلق الدروس من الحياة اليومية: طبيبة الأطفال، والمدرسة، والسوق، ووسائل النقل العام. ومرة في الشهر "
        "تزور المجموعة معًا إحدى خدمات الحي، مثل المكتبة أو مركز صحة الأسرة.",
        zh="课程从日常生活出发：儿科医生、学校、市场、公共交通。每月一次，大家一起参观街区的一项服务，比如"
        "图书馆或家庭健康咨询中心。",
    ),
    t(
        "Mentre io studio, mia figlia gioca di là e impara anche lei.",
        en="While I study, my daughter plays next door and learns too.",
        fr="Pendant que j'étudie, ma fille joue à côté et apprend elle aussi.",
        es="Mientras yo estudio, mi hija juega en la sala de al lado y también aprende.",
        ro="Cât timp eu învăț, fiica mea se joacă alături și învață și ea.",
        ar="بينما أدرس، تلعب ابنتي في الغرفة المجاورة وتتعلّم هي أيضًا.",
        zh="我学习的时候，女儿就在隔壁玩，她也在学。",
    ),
    t(
        "Una mamma del corso",
        en="A mother in the course",
        fr="Une maman du cours",
        es="Una madre del curso",
        ro="O mamă de la curs",
        ar="أمّ من المشاركات في الدورة",
        zh="课程里的一位妈妈",
    ),
    t(
        "Iscrizioni il martedì e il giovedì alle 9:30, direttamente in aula. I bambini fino a 6 anni restano con "
        "le educatrici dello spazio gioco.",
        en="Sign up on Tuesdays and Thursdays at 9:30, directly in the classroom. Children up to 6 stay with the "
        "educators in the play area.",
        fr="Inscriptions le mardi et le jeudi à 9 h 30, directement en classe. Les enfants jusqu'à 6 ans restent "
        "avec les éducatrices de l'espace de jeu.",
        es="Inscripciones los martes y jueves a las 9:30, directamente en el aula. Los niños de hasta 6 años se "
        "quedan con las educadoras del espacio de juego.",
        ro="Înscrieri marți și joi la 9:30, direct în sală. Copiii până la 6 ani rămân cu educatoarele în "
        "spațiul de joacă.",
        ar="التسجيل يومي الثلاثاء والخميس الساعة 9:30، مباشرة في الصف. يبقى الأطفال حتى سن 6 سنوات مع المربّيات "
        "في مساحة اللعب.",
        zh="每周二和周四 9:30 直接到教室报名。6 岁以下的孩子由游戏区的保育老师照看。",
    ),
    t(
        "Pausa durante le vacanze scolastiche di Natale e ad agosto.",
        en="Break during the Christmas school holidays and in August.",
        fr="Pause pendant les vacances scolaires de Noël et en août.",
        es="Pausa durante las vacaciones escolares de Navidad y en agosto.",
        ro="Pauză în vacanța școlară de Crăciun și în august.",
        ar="توقّف خلال العطلة المدرسية لعيد الميلاد وفي شهر أغسطس.",
        zh="圣诞学校假期和八月停课。",
    ),
    t(
        "Compiti insieme",
        en="Homework together",
        fr="Devoirs ensemble",
        es="Deberes juntos",
        ro="Teme împreună",
        ar="الواجبات معًا",
        zh="一起写作业",
    ),
    t(
        "Doposcuola per ragazze e ragazzi delle medie: si fanno i compiti con l'aiuto di volontari e studenti "
        "universitari, poi merenda e giochi.",
        en="After-school club for middle-school girls and boys: homework with the help of volunteers and "
        "university students, then a snack and games.",
        fr="Aide aux devoirs pour les collégiennes et les collégiens : on fait ses devoirs avec l'aide de "
        "bénévoles et d'étudiants, puis goûter et jeux.",
        es="Apoyo escolar para chicas y chicos de secundaria: se hacen los deberes con la ayuda de voluntarios "
        "y estudiantes universitarios, y luego merienda y juegos.",
        ro="Program după școală pentru fete și băieți de gimnaziu: se fac temele cu ajutorul voluntarilor și al "
        "studenților, apoi gustare și jocuri.",
        ar="دعم مدرسي بعد الدوام لطالبات وطلاب المرحلة الإعدادية: نحلّ الواجبات بمساعدة متطوعين وطلاب جامعيين، "
        "ثم وجبة خفيفة وألعاب.",
        zh="面向初中生的课后辅导：在志愿者和大学生的帮助下完成作业，然后吃点心、做游戏。",
    ),
    t(
        "Ogni gruppo ha al massimo sei ragazzi per volontario. Si lavora soprattutto su italiano, matematica e "
        "metodo di studio, in contatto con gli insegnanti della scuola.",
        en="Each group has at most six young people per volunteer. The work focuses on Italian, maths and study "
        "skills, in touch with the school's teachers.",
        fr="Chaque groupe compte au maximum six jeunes par bénévole. On travaille surtout l'italien, les "
        "mathématiques et la méthode de travail, en lien avec les enseignants de l'école.",
        es="Cada grupo tiene como máximo seis chicos por voluntario. Se trabaja sobre todo italiano, matemáticas "
        "y técnicas de estudio, en contacto con el profesorado de la escuela.",
        ro="Fiecare grupă are cel mult șase copii la un voluntar. Se lucrează mai ales la italiană, matematică "
        "și metode de studiu, în legătură cu profesorii de la școală.",
        ar="في كل مجموعة ستة طلاب على الأكثر لكل متطوع. يتركّز العمل على الإيطالية والرياضيات وطرق الدراسة، "
        "بالتواصل مع معلّمي المدرسة.",
        zh="每位志愿者最多辅导六名学生。重点是意大利语、数学和学习方法，并与学校老师保持联系。",
    ),
    t(
        "Iscrizione con un genitore, una volta sola, all'inizio dell'anno scolastico.",
        en="Sign up with a parent, just once, at the start of the school year.",
        fr="Inscription avec un parent, une seule fois, au début de l'année scolaire.",
        es="Inscripción con el padre o la madre, una sola vez, al principio del curso escolar.",
        ro="Înscrierea se face cu un părinte, o singură dată, la începutul anului școlar.",
        ar="التسجيل بحضور أحد الوالدين، مرة واحدة فقط، في بداية العام الدراسي.",
        zh="由家长陪同报名，每学年开学时报名一次即可。",
    ),
    t(
        "Mercoledì la sala ospita la formazione dei volontari: Compiti insieme si sposta a giovedì, stesso "
        "orario.",
        en="On Wednesday the room is used for volunteer training: Homework together moves to Thursday, same "
        "time.",
        fr="Mercredi, la salle accueille la formation des bénévoles : Devoirs ensemble est déplacé au jeudi, "
        "même horaire.",
        es="El miércoles la sala acoge la formación de los voluntarios: Deberes juntos pasa al jueves, a la "
        "misma hora.",
        ro="Miercuri sala găzduiește instruirea voluntarilor: Teme împreună se mută joi, la aceeași oră.",
        ar="يوم الأربعاء تستضيف القاعة تدريب المتطوعين: ينتقل نشاط الواجبات معًا إلى يوم الخميس في التوقيت "
        "نفسه.",
        zh="周三教室要用于志愿者培训：“一起写作业”改到周四，时间不变。",
    ),
    t(
        "Barriera in festa",
        en="Barriera celebrates",
        fr="Barriera en fête",
        es="Barriera de fiesta",
        ro="Barriera în sărbătoare",
        ar="Barriera تحتفل",
        zh="Barriera 街区节",
    ),
    t(
        "Due giorni di festa in piazza con le associazioni del quartiere: musica, cucine dal mondo, tornei di "
        "calcetto, giochi per bambini e la grande tavolata della domenica.",
        en="Two days of celebration in the square with the neighbourhood's associations: music, food from "
        "around the world, five-a-side football tournaments, games for children and the big Sunday table.",
        fr="Deux jours de fête sur la place avec les associations du quartier : musique, cuisines du monde, "
        "tournois de foot à cinq, jeux pour enfants et la grande tablée du dimanche.",
        es="Dos días de fiesta en la plaza con las asociaciones del barrio: música, cocinas del mundo, torneos "
        "de fútbol sala, juegos para niños y la gran mesa compartida del domingo.",
        ro="Două zile de sărbătoare în piață cu asociațiile din cartier: muzică, bucătării din toată lumea, "
        "turnee de minifotbal, jocuri pentru copii și marea masă comună de duminică.",
        ar="يومان من الاحتفال في الساحة مع جمعيات الحي: موسيقى، ومأكولات من العالم، ودورات في كرة القدم "
        "المصغّرة، وألعاب للأطفال، والمائدة الكبيرة يوم الأحد.",
        zh="与街区协会一起在广场上欢庆两天：音乐、世界美食、五人制足球赛、儿童游戏，还有周日的大长桌聚餐。",
    ),
    t(
        "Le associazioni, le scuole e i negozi del quartiere portano in piazza quello che sanno fare. Chi vuole "
        "partecipare con uno stand può scrivere ai Bagni Pubblici.",
        en="The neighbourhood's associations, schools and shops bring what they do best to the square. If you "
        "would like to take part with a stall, write to the Bagni Pubblici.",
        fr="Les associations, les écoles et les commerces du quartier viennent montrer sur la place ce qu'ils "
        "savent faire. Pour participer avec un stand, écrivez aux Bagni Pubblici.",
        es="Las asociaciones, las escuelas y las tiendas del barrio llevan a la plaza lo que saben hacer. Quien "
        "quiera participar con un puesto puede escribir a los Bagni Pubblici.",
        ro="Asociațiile, școlile și magazinele din cartier aduc în piață ce știu să facă. Cine vrea să "
        "participe cu un stand poate scrie la Bagni Pubblici.",
        ar="تأتي جمعيات الحي ومدارسه ومحلاته إلى الساحة بما تُتقنه. ومن يرغب في المشاركة بكشك يمكنه مراسلة "
        "Bagni Pubblici.",
        zh="街区的协会、学校和商店都把自己的拿手好戏带到广场上。想摆摊参加的人可以写信给公共浴室（Bagni "
        "Pubblici）。",
    ),
]

MIRAFIORI_ACTIVITIES = [
    t(
        "Sportello casa e bollette",
        en="Housing and bills desk",
        fr="Permanence logement et factures",
        es="Punto de vivienda y facturas",
        ro="Birou pentru locuință și facturi",
        ar="مكتب السكن والفواتير",
        zh="住房与账单咨询窗口",
    ),
    t(
        "Aiuto per leggere le bollette, chiedere i bonus sociali, fare domanda per una casa popolare o "
        "risolvere un problema di condominio.",
        en="Help with reading your bills, applying for social allowances, applying for public housing or "
        "sorting out a problem in your building.",
        fr="De l'aide pour lire vos factures, demander les aides sociales, faire une demande de logement social "
        "ou régler un problème de copropriété.",
        es="Ayuda para entender las facturas, pedir las ayudas sociales, solicitar una vivienda social o "
        "resolver un problema de la comunidad de vecinos.",
        ro="Ajutor pentru a citi facturile, a cere ajutoarele sociale, a depune o cerere pentru o locuință "
        "socială sau a rezolva o problemă cu asociația de proprietari.",
        ar="مساعدة في قراءة الفواتير، وطلب الإعانات الاجتماعية، وتقديم طلب للحصول على مسكن شعبي، أو حلّ مشكلة "
        "في العمارة.",
        zh="帮助你看懂账单、申请社会补贴、申请公共住房，或解决楼里的物业问题。",
    ),
    t(
        "Volontari esperti ti aiutano a capire una bolletta troppo alta, a chiedere una rateizzazione, a "
        "controllare se hai diritto ai bonus e a preparare la domanda per una casa popolare.",
        en="Experienced volunteers help you understand a bill that is too high, ask to pay in instalments, "
        "check whether you are entitled to allowances and prepare your application for public housing.",
        fr="Des bénévoles expérimentés vous aident à comprendre une facture trop élevée, à demander un "
        "échelonnement, à vérifier si vous avez droit aux aides et à préparer votre demande de logement social.",
        es="Voluntarios con experiencia te ayudan a entender una factura demasiado alta, a pedir un pago a "
        "plazos, a comprobar si tienes derecho a las ayudas y a preparar la solicitud de una vivienda social.",
        ro="Voluntari cu experiență te ajută să înțelegi o factură prea mare, să ceri plata în rate, să verifici "
        "dacă ai dreptul la ajutoare și să pregătești cererea pentru o locuință socială.",
        ar="يساعدك متطوعون ذوو خبرة على فهم فاتورة مرتفعة أكثر من اللازم، وطلب التقسيط، والتحقّق مما إذا كان لك "
        "حق في الإعانات، وتحضير طلب المسكن الشعبي.",
        zh="经验丰富的志愿者会帮你弄明白过高的账单、申请分期付款、核实你是否有资格领取补贴，并准备公共住房申请。",
    ),
    t(
        "Il lunedì mattina senza appuntamento. Porta le ultime bollette e un documento d'identità.",
        en="Monday mornings, no appointment needed. Bring your latest bills and an identity document.",
        fr="Le lundi matin sans rendez-vous. Apportez vos dernières factures et une pièce d'identité.",
        es="Los lunes por la mañana sin cita. Trae las últimas facturas y un documento de identidad.",
        ro="Luni dimineața, fără programare. Adu ultimele facturi și un act de identitate.",
        ar="صباح الاثنين من دون موعد. أحضر آخر الفواتير ووثيقة هوية.",
        zh="每周一上午，无需预约。请携带最近的账单和身份证件。",
    ),
    t(
        "Orti condivisi",
        en="Shared gardens",
        fr="Jardins partagés",
        es="Huertos compartidos",
        ro="Grădini comunitare",
        ar="حدائق مشتركة",
        zh="共享菜园",
    ),
    t(
        "Aiuole e orti coltivati insieme accanto alla Casa nel Parco: il sabato mattina si semina, si innaffia "
        "e si raccoglie, imparando dai più esperti.",
        en="Flower beds and vegetable plots grown together next to the Casa nel Parco: on Saturday mornings we "
        "sow, water and harvest, learning from those with more experience.",
        fr="Massifs et potagers cultivés ensemble à côté de la Casa nel Parco : le samedi matin, on sème, on "
        "arrose et on récolte, en apprenant des plus expérimentés.",
        es="Parterres y huertos cultivados entre todos junto a la Casa nel Parco: los sábados por la mañana se "
        "siembra, se riega y se cosecha, aprendiendo de quienes más saben.",
        ro="Straturi de flori și de legume cultivate împreună lângă Casa nel Parco: sâmbătă dimineața semănăm, "
        "udăm și culegem, învățând de la cei cu mai multă experiență.",
        ar="أحواض زهور وخضروات نزرعها معًا بجوار Casa nel Parco: صباح كل سبت نزرع ونسقي ونحصد، ونتعلّم من "
        "أصحاب الخبرة.",
        zh="在公园之家旁一起种植花坛和菜园：每周六上午播种、浇水、收获，向更有经验的人学习。",
    ),
    t(
        "Gli orti sono divisi in parcelle curate da famiglie, scuole e gruppi di anziani, più un grande orto "
        "comune dove chiunque può dare una mano. Gli attrezzi sono della Casa.",
        en="The gardens are divided into plots looked after by families, schools and groups of older people, "
        "plus a large common garden where anyone can lend a hand. The tools belong to the House.",
        fr="Les potagers sont divisés en parcelles entretenues par des familles, des écoles et des groupes de "
        "seniors, plus un grand potager commun où chacun peut donner un coup de main. Les outils sont fournis "
        "par la Maison.",
        es="Los huertos están divididos en parcelas que cuidan familias, escuelas y grupos de personas mayores, "
        "además de un gran huerto común donde cualquiera puede echar una mano. Las herramientas son de la Casa.",
        ro="Grădinile sunt împărțite în parcele îngrijite de familii, școli și grupuri de vârstnici, plus o "
        "grădină comună mare unde oricine poate da o mână de ajutor. Uneltele sunt ale Casei.",
        ar="الحدائق مقسّمة إلى قطع تعتني بها عائلات ومدارس ومجموعات من كبار السن، إضافة إلى حديقة مشتركة كبيرة "
        "يمكن لأي شخص أن يساعد فيها. الأدوات يوفّرها البيت.",
        zh="菜园分成许多小块，由家庭、学校和老年人小组照料，另外还有一大片公共菜园，谁都可以来帮忙。工具由"
        "社区之家提供。",
    ),
    t(
        "Per lavorare nell'orto comune non serve iscriversi. Per una parcella c'è una lista d'attesa.",
        en="You don't need to sign up to work in the common garden. There is a waiting list for a plot of your "
        "own.",
        fr="Pas besoin de s'inscrire pour travailler dans le potager commun. Pour une parcelle, il y a une liste "
        "d'attente.",
        es="Para trabajar en el huerto común no hace falta inscribirse. Para una parcela hay lista de espera.",
        ro="Pentru a lucra în grădina comună nu trebuie să te înscrii. Pentru o parcelă există o listă de "
        "așteptare.",
        ar="لا حاجة إلى التسجيل للعمل في الحديقة المشتركة. أما للحصول على قطعة خاصة فهناك قائمة انتظار.",
        zh="在公共菜园劳动无需报名。想要一块自己的地需要排队登记。",
    ),
    t(
        "Festa dello scambio dei semi",
        en="Seed swap festival",
        fr="Fête du troc de graines",
        es="Fiesta del intercambio de semillas",
        ro="Sărbătoarea schimbului de semințe",
        ar="مهرجان تبادل البذور",
        zh="种子交换节",
    ),
    t(
        "Una giornata negli orti: scambio di semi e piantine, laboratori di compostaggio per adulti e bambini e "
        "pranzo al sacco sul prato.",
        en="A day in the gardens: swapping seeds and seedlings, composting workshops for adults and children, "
        "and a packed lunch on the lawn.",
        fr="Une journée dans les potagers : troc de graines et de plants, ateliers de compostage pour adultes et "
        "enfants et pique-nique sur l'herbe.",
        es="Un día en los huertos: intercambio de semillas y plantones, talleres de compostaje para adultos y "
        "niños y comida de pícnic en el césped.",
        ro="O zi în grădini: schimb de semințe și răsaduri, ateliere de compost pentru adulți și copii și picnic "
        "pe iarbă.",
        ar="يوم في الحدائق: تبادل البذور والشتلات، وورش لصنع السماد للكبار والصغار، وغداء نحمله معنا على العشب.",
        zh="在菜园里度过一天：交换种子和幼苗，为大人和孩子举办堆肥工作坊，在草地上吃自带的午餐。",
    ),
    t(
        "Porta i semi del tuo orto o del tuo balcone, in bustine con il nome della pianta: torni a casa con semi "
        "nuovi e qualche consiglio.",
        en="Bring seeds from your garden or balcony, in little envelopes labelled with the plant's name: you "
        "will go home with new seeds and a few tips.",
        fr="Apportez les graines de votre potager ou de votre balcon, en sachets portant le nom de la plante : "
        "vous repartirez avec de nouvelles graines et quelques conseils.",
        es="Trae las semillas de tu huerto o de tu balcón, en sobrecitos con el nombre de la planta: volverás a "
        "casa con semillas nuevas y algún consejo.",
        ro="Adu semințe din grădina sau de pe balconul tău, în plicuri cu numele plantei: pleci acasă cu "
        "semințe noi și câteva sfaturi.",
        ar="أحضر بذور حديقتك أو شرفتك في أكياس صغيرة مكتوب عليها اسم النبتة: ستعود إلى البيت ببذور جديدة "
        "وببعض النصائح.",
        zh="带上你菜园或阳台上收的种子，装在写有植物名称的小纸袋里：你将带着新种子和一些小建议回家。",
    ),
    t(
        "Gruppo di cammino",
        en="Walking group",
        fr="Groupe de marche",
        es="Grupo de caminata",
        ro="Grup de mers pe jos",
        ar="مجموعة المشي",
        zh="健走小组",
    ),
    t(
        "Ogni lunedì mattina un'ora e mezza di cammino a passo tranquillo nel Parco Colonnetti e lungo il "
        "Sangone, con un'accompagnatrice.",
        en="Every Monday morning, an hour and a half of walking at an easy pace in Parco Colonnetti and along "
        "the Sangone, with a guide.",
        fr="Chaque lundi matin, une heure et demie de marche à un rythme tranquille dans le parc Colonnetti et "
        "le long du Sangone, avec une accompagnatrice.",
        es="Cada lunes por la mañana, hora y media de caminata a paso tranquilo por el Parque Colonnetti y a lo "
        "largo del Sangone, con una acompañante.",
        ro="În fiecare luni dimineață, o oră și jumătate de mers în ritm liniștit prin Parcul Colonnetti și de-a "
        "lungul râului Sangone, cu o însoțitoare.",
        ar="كل صباح اثنين، ساعة ونصف من المشي بخطى هادئة في حديقة Colonnetti وعلى ضفاف نهر Sangone، برفقة "
        "مرشدة.",
        zh="每周一上午，在一位领队的带领下，在科隆内蒂公园和桑戈内河畔悠闲地走一个半小时。",
    ),
    t(
        "Si parte dalla Casa nel Parco e si cammina per circa cinque chilometri, con qualche sosta. Servono "
        "scarpe comode e una bottiglia d'acqua.",
        en="We set off from the Casa nel Parco and walk about five kilometres, with a few stops. You need "
        "comfortable shoes and a bottle of water.",
        fr="On part de la Casa nel Parco et on marche environ cinq kilomètres, avec quelques pauses. Prévoyez "
        "des chaussures confortables et une bouteille d'eau.",
        es="Se sale de la Casa nel Parco y se caminan unos cinco kilómetros, con alguna parada. Hacen falta "
        "zapatos cómodos y una botella de agua.",
        ro="Plecăm de la Casa nel Parco și mergem în jur de cinci kilometri, cu câteva opriri. Ai nevoie de "
        "încălțăminte comodă și de o sticlă cu apă.",
        ar="ننطلق من Casa nel Parco ونمشي نحو خمسة كيلومترات مع بعض الاستراحات. تحتاج إلى حذاء مريح وقارورة "
        "ماء.",
        zh="从公园之家出发，步行约五公里，中途会休息几次。请穿舒适的鞋子，并带一瓶水。",
    ),
    t(
        "Non serve prenotare: ritrovo alle 9 davanti alla Casa nel Parco.",
        en="No need to book: meet at 9:00 in front of the Casa nel Parco.",
        fr="Pas besoin de réserver : rendez-vous à 9 h devant la Casa nel Parco.",
        es="No hace falta reservar: quedamos a las 9 delante de la Casa nel Parco.",
        ro="Nu e nevoie de rezervare: ne întâlnim la ora 9 în fața clădirii Casa nel Parco.",
        ar="لا حاجة إلى الحجز: نلتقي الساعة 9 أمام Casa nel Parco.",
        zh="无需预约：9点在公园之家门口集合。",
    ),
    t(
        "L'accompagnatrice del gruppo è in ferie: ci ritroviamo il lunedì successivo.",
        en="The group's guide is on holiday: we meet again the following Monday.",
        fr="L'accompagnatrice du groupe est en congé : on se retrouve le lundi suivant.",
        es="La acompañante del grupo está de vacaciones: nos vemos el lunes siguiente.",
        ro="Însoțitoarea grupului este în concediu: ne revedem lunea următoare.",
        ar="مرشدة المجموعة في إجازة: نلتقي يوم الاثنين التالي.",
        zh="小组领队休假：我们下周一再见。",
    ),
]


CLOSURES = [
    t(
        "Chiusura estiva: ci rivediamo dopo Ferragosto",
        en="Summer closure: see you again after the mid-August holiday",
        fr="Fermeture estivale : on se retrouve après le 15 août",
        es="Cierre de verano: nos vemos después del 15 de agosto",
        ro="Închidere de vară: ne revedem după 15 august",
        ar="إغلاق صيفي: نلتقي من جديد بعد عطلة منتصف أغسطس",
        zh="夏季闭馆：八月节假期后再见",
    ),
    t(
        "Chiusura per sciopero generale dei servizi",
        en="Closed for a general strike of public services",
        fr="Fermé pour une grève générale des services",
        es="Cerrado por una huelga general de los servicios",
        ro="Închis din cauza unei greve generale a serviciilor",
        ar="مغلق بسبب إضراب عام في الخدمات",
        zh="因公共服务总罢工闭馆",
    ),
    t(
        "Chiusura per un guasto all’impianto idraulico",
        en="Closed because of a burst pipe",
        fr="Fermé à cause d’une fuite d’eau",
        es="Cerrado por una avería en la fontanería",
        ro="Închis din cauza unei țevi sparte",
        ar="مغلق بسبب عطل في السباكة",
        zh="因水管故障闭馆",
    ),
    t(
        "Chiusura per la disinfestazione dei locali",
        en="Closed for pest control in the rooms",
        fr="Fermé pour la désinsectisation des locaux",
        es="Cerrado por la desinsectación del local",
        ro="Închis pentru dezinsecția spațiilor",
        ar="مغلق لتطهير المكان من الحشرات",
        zh="因场地消杀闭馆",
    ),
]


# The notices (portal/demo/notices.py).
NOTICES = [
    t(
        "Casa chiusa per un guasto all'impianto elettrico",
        en="House closed: the electrical system has failed",
        fr="Maison fermée : panne de l'installation électrique",
        es="Casa cerrada por una avería eléctrica",
        ro="Casa este închisă din cauza unei defecțiuni electrice",
        ar="الدار مغلقة بسبب عطل في الشبكة الكهربائية",
        zh="电路故障，社区之家暂停开放",
    ),
    t(
        "Le attività di oggi e di domani sono sospese. Per urgenze scrivete a Sara Medici.",
        en="Today's and tomorrow's activities are suspended. For anything urgent, write to Sara Medici.",
        fr="Les activités d'aujourd'hui et de demain sont suspendues. En cas d'urgence, écrivez à Sara Medici.",
        es="Las actividades de hoy y de mañana quedan suspendidas. Para urgencias, escribid a Sara Medici.",
        ro="Activitățile de azi și de mâine sunt suspendate. Pentru urgențe, scrieți-i Sarei Medici.",
        ar="أنشطة اليوم والغد معلّقة. للحالات العاجلة راسلوا سارة ميديتشي.",
        zh="今天和明天的活动暂停。如有急事，请写信给 Sara Medici。",
    ),
    t(
        "Corso di italiano: ultimi posti",
        en="Italian course: last places",
        fr="Cours d'italien : dernières places",
        es="Curso de italiano: últimas plazas",
        ro="Cursul de italiană: ultimele locuri",
        ar="دورة اللغة الإيطالية: آخر الأماكن",
        zh="意大利语课程：最后几个名额",
    ),
    t(
        "Le iscrizioni chiudono domani sera. Portate un documento d'identità.",
        en="Enrolment closes tomorrow evening. Bring an identity document.",
        fr="Les inscriptions ferment demain soir. Apportez une pièce d'identité.",
        es="Las inscripciones cierran mañana por la tarde. Traed un documento de identidad.",
        ro="Înscrierile se închid mâine seară. Aduceți un act de identitate.",
        ar="يُغلق التسجيل مساء الغد. أحضروا وثيقة هوية.",
        zh="报名明晚截止。请携带身份证件。",
    ),
    t(
        "Lo sportello di ascolto apre anche il venerdì",
        en="The counselling desk now also opens on Fridays",
        fr="Le guichet d'écoute ouvre aussi le vendredi",
        es="La oficina de escucha abre también los viernes",
        ro="Ghișeul de consiliere se deschide și vinerea",
        ar="مكتب الإصغاء يفتح أيضًا يوم الجمعة",
        zh="咨询窗口周五也开放",
    ),
    t(
        "Da venerdì prossimo, dalle 15 alle 18, senza appuntamento.",
        en="From next Friday, 3 to 6 pm, no appointment needed.",
        fr="À partir de vendredi prochain, de 15 h à 18 h, sans rendez-vous.",
        es="Desde el próximo viernes, de 15 a 18 h, sin cita previa.",
        ro="De vinerea viitoare, între 15 și 18, fără programare.",
        ar="ابتداءً من الجمعة القادمة، من الساعة 15 إلى 18، دون موعد.",
        zh="从下周五起，15 点至 18 点，无需预约。",
    ),
    t(
        "Docce sospese: manca l'acqua calda",
        en="Showers suspended: no hot water",
        fr="Douches suspendues : pas d'eau chaude",
        es="Duchas suspendidas: no hay agua caliente",
        ro="Dușurile sunt suspendate: nu este apă caldă",
        ar="الاستحمام معلّق: لا يوجد ماء ساخن",
        zh="淋浴暂停：没有热水",
    ),
    t(
        "Il servizio docce riprende appena torna l'acqua calda. Il bagno resta aperto.",
        en="The showers reopen as soon as the hot water is back. The toilets stay open.",
        fr="Les douches rouvrent dès le retour de l'eau chaude. Les toilettes restent ouvertes.",
        es="Las duchas vuelven en cuanto regrese el agua caliente. Los aseos siguen abiertos.",
        ro="Dușurile se redeschid când revine apa caldă. Toaletele rămân deschise.",
        ar="تعود خدمة الاستحمام فور عودة الماء الساخن. تبقى دورات المياه مفتوحة.",
        zh="热水恢复后淋浴即重新开放。卫生间照常开放。",
    ),
    t(
        "Sportello lavoro: domani solo al mattino",
        en="Work desk: tomorrow mornings only",
        fr="Guichet emploi : demain le matin seulement",
        es="Oficina de empleo: mañana solo por la mañana",
        ro="Ghișeul pentru muncă: mâine doar dimineața",
        ar="مكتب العمل: غدًا في الصباح فقط",
        zh="就业窗口：明天仅上午开放",
    ),
    t(
        "Domani lo sportello chiude alle 12 per una formazione del personale.",
        en="Tomorrow the desk closes at noon for staff training.",
        fr="Demain le guichet ferme à midi pour une formation du personnel.",
        es="Mañana la oficina cierra a las 12 por una formación del personal.",
        ro="Mâine ghișeul se închide la ora 12 pentru instruirea personalului.",
        ar="غدًا يُغلق المكتب الساعة 12 بسبب تدريب الموظفين.",
        zh="明天窗口因员工培训于 12 点关闭。",
    ),
    t(
        "Cerchiamo volontari per la festa in cortile",
        en="We are looking for volunteers for the courtyard party",
        fr="Nous cherchons des bénévoles pour la fête dans la cour",
        es="Buscamos voluntarios para la fiesta en el patio",
        ro="Căutăm voluntari pentru petrecerea din curte",
        ar="نبحث عن متطوعين لحفل الفناء",
        zh="院子聚会招募志愿者",
    ),
    t(
        "Servono mani per allestire, cucinare e sistemare. Scrivete alla Casa.",
        en="We need hands to set up, cook and tidy up. Write to the house.",
        fr="Il nous faut des bras pour installer, cuisiner et ranger. Écrivez à la Maison.",
        es="Necesitamos manos para montar, cocinar y recoger. Escribid a la Casa.",
        ro="Avem nevoie de ajutor la amenajare, gătit și strâns. Scrieți Casei.",
        ar="نحتاج إلى أيادٍ للتجهيز والطبخ والترتيب. راسلوا الدار.",
        zh="需要人手布置、做饭和收拾。请写信给社区之家。",
    ),
    t(
        "Sciopero dei trasporti: navetta sospesa",
        en="Transport strike: shuttle suspended",
        fr="Grève des transports : navette suspendue",
        es="Huelga de transporte: lanzadera suspendida",
        ro="Grevă în transporturi: naveta este suspendată",
        ar="إضراب في المواصلات: الحافلة المكوكية معلّقة",
        zh="交通罢工：接驳车暂停",
    ),
    t(
        "Oggi la navetta per la Casa nel Parco non passa. Le attività si svolgono regolarmente.",
        en="Today the shuttle to Casa nel Parco does not run. Activities go ahead as usual.",
        fr="Aujourd'hui la navette pour la Casa nel Parco ne passe pas. Les activités ont lieu normalement.",
        es="Hoy la lanzadera a la Casa nel Parco no pasa. Las actividades se hacen con normalidad.",
        ro="Azi naveta spre Casa nel Parco nu circulă. Activitățile au loc normal.",
        ar="اليوم لا تمرّ الحافلة المكوكية إلى كازا نيل باركو (دار الحديقة). تُقام الأنشطة كالمعتاد.",
        zh="今天去 Casa nel Parco（公园之家）的接驳车停运。活动照常进行。",
    ),
    t(
        "Orti condivisi: ultime richieste per un lotto",
        en="Shared gardens: last requests for a plot",
        fr="Jardins partagés : dernières demandes de parcelle",
        es="Huertos compartidos: últimas solicitudes de parcela",
        ro="Grădini comune: ultimele cereri pentru un lot",
        ar="الحدائق المشتركة: آخر طلبات الحصول على قطعة",
        zh="共享菜园：地块申请即将截止",
    ),
    t(
        "Le richieste si raccolgono fino a domani sera alla Casa nel Parco.",
        en="Requests are taken at Casa nel Parco until tomorrow evening.",
        fr="Les demandes sont reçues à la Casa nel Parco jusqu'à demain soir.",
        es="Las solicitudes se recogen en la Casa nel Parco hasta mañana por la tarde.",
        ro="Cererile se primesc la Casa nel Parco până mâine seară.",
        ar="تُستقبل الطلبات في كازا نيل باركو (دار الحديقة) حتى مساء الغد.",
        zh="申请在 Casa nel Parco（公园之家）受理，截至明晚。",
    ),
    t(
        "Casa nel Parco chiusa una settimana per lavori",
        en="Casa nel Parco closed for a week for building work",
        fr="Casa nel Parco fermée une semaine pour travaux",
        es="Casa nel Parco cerrada una semana por obras",
        ro="Casa nel Parco este închisă o săptămână pentru lucrări",
        ar="كازا نيل باركو (دار الحديقة) مغلقة أسبوعًا بسبب أعمال",
        zh="Casa nel Parco（公园之家）因施工关闭一周",
    ),
    t(
        "Le attività si spostano nel salone della parrocchia di via Negarville.",
        en="Activities move to the parish hall in via Negarville.",
        fr="Les activités ont lieu dans la salle paroissiale de via Negarville.",
        es="Las actividades se trasladan al salón parroquial de via Negarville.",
        ro="Activitățile se mută în sala parohiei din via Negarville.",
        ar="تنتقل الأنشطة إلى قاعة الرعية في شارع نيغارفيل.",
        zh="活动改在 via Negarville 的教区礼堂举行。",
    ),
    t(
        "Il portale Quartieri ha una pagina nuova per gli avvisi",
        en="The Quartieri portal now shows notices",
        fr="Le portail Quartieri affiche désormais les avis",
        es="El portal Quartieri ahora muestra los avisos",
        ro="Portalul Quartieri afișează acum anunțurile",
        ar="بوابة كوارتييري تعرض الآن الإشعارات",
        zh="Quartieri 门户现在显示通知",
    ),
    t(
        "Chiusure, iscrizioni e novità delle Case del Quartiere, anche nell'app.",
        en="Closures, enrolments and news from the neighbourhood houses, in the app too.",
        fr="Fermetures, inscriptions et nouvelles des maisons de quartier, aussi dans l'appli.",
        es="Cierres, inscripciones y novedades de las Casas del Barrio, también en la app.",
        ro="Închideri, înscrieri și noutăți de la casele de cartier, și în aplicație.",
        ar="الإغلاقات والتسجيلات وأخبار دور الحي، في التطبيق أيضًا.",
        zh="社区之家的闭馆、报名和新消息，应用里也能看到。",
    ),
]


def each_news_index():
    """The news indexes' words: the title, the portal's introduction, each district's."""
    entries = [
        t("Notizie", en="News", fr="Actualités", es="Noticias", ro="Știri", ar="الأخبار", zh="新闻"),
        t(
            "Le notizie di tutti i quartieri: aperture, orari, iscrizioni e appelli.",
            en="News from every district: openings, opening hours, enrolments and calls.",
            fr="Les actualités de tous les quartiers : ouvertures, horaires, inscriptions et appels.",
            es="Las noticias de todos los barrios: aperturas, horarios, inscripciones y llamamientos.",
            ro="Știrile tuturor cartierelor: deschideri, programe, înscrieri și apeluri.",
            ar="أخبار كل الأحياء: افتتاحات ومواعيد وتسجيلات ونداءات.",
            zh="各街区的新闻：开放、时间、报名和招募。",
        ),
    ]
    for name in DISTRICT_NAMES:
        entries.append(
            t(
                f"Aperture, orari, iscrizioni e appelli della Casa del Quartiere di {name}.",
                en=f"Openings, opening hours, enrolments and calls from the neighbourhood house of {name}.",
                fr=f"Ouvertures, horaires, inscriptions et appels de la maison de quartier de {name}.",
                es=f"Aperturas, horarios, inscripciones y llamamientos de la casa del barrio de {name}.",
                ro=f"Deschideri, programe, înscrieri și apeluri de la casa de cartier din {name}.",
                ar=f"افتتاحات ومواعيد وتسجيلات ونداءات من بيت الحي في {name}.",
                zh=f"{name} 街区之家的开放、时间、报名和招募信息。",
            )
        )
    return entries


NEWS = [
    # San Salvario
    t(
        "Iscrizioni al corso di italiano: si apre lunedì",
        en="Italian course enrolment opens on Monday",
        fr="Inscriptions au cours d'italien : ouverture lundi",
        es="Inscripciones al curso de italiano: se abren el lunes",
        ro="Înscrieri la cursul de italiană: încep luni",
        ar="التسجيل في دورة اللغة الإيطالية يبدأ يوم الاثنين",
        zh="意大利语课程周一开始报名",
    ),
    t(
        "Da lunedì ci si iscrive al nuovo corso di italiano per stranieri, dal livello principiante all'intermedio.",
        en="From Monday you can enrol in the new Italian course for foreigners, from beginner to intermediate level.",
        fr="Dès lundi, on peut s'inscrire au nouveau cours d'italien pour étrangers, du niveau débutant à intermédiaire.",
        es="Desde el lunes puedes inscribirte en el nuevo curso de italiano para extranjeros, del nivel inicial al intermedio.",
        ro="De luni vă puteți înscrie la noul curs de italiană pentru străini, de la nivel începător la intermediar.",
        ar="ابتداءً من يوم الاثنين يمكنكم التسجيل في دورة اللغة الإيطالية الجديدة للأجانب، من المستوى المبتدئ إلى المتوسط.",
        zh="从周一起可以报名新的外国人意大利语课程，从初级到中级。",
    ),
    t(
        "Le iscrizioni si fanno di persona allo sportello della Casa, il lunedì e il mercoledì mattina. Portate un documento d'identità.",
        en="Enrol in person at the house's desk on Monday and Wednesday mornings. Bring an identity document.",
        fr="Les inscriptions se font en personne à l'accueil de la maison, le lundi et le mercredi matin. Apportez une pièce d'identité.",
        es="Las inscripciones se hacen en persona en la ventanilla de la casa, los lunes y miércoles por la mañana. Traed un documento de identidad.",
        ro="Înscrierile se fac personal la ghișeul casei, luni și miercuri dimineața. Aduceți un act de identitate.",
        ar="يتم التسجيل شخصيًا في مكتب البيت صباح الاثنين والأربعاء. أحضروا وثيقة هوية.",
        zh="请于周一和周三上午到街区之家的窗口当面报名，并携带身份证件。",
    ),
    t(
        "Cerchiamo volontari per la festa del cortile",
        en="Volunteers wanted for the courtyard party",
        fr="Nous cherchons des bénévoles pour la fête de la cour",
        es="Buscamos voluntarios para la fiesta del patio",
        ro="Căutăm voluntari pentru petrecerea din curte",
        ar="نبحث عن متطوعين لحفلة الفناء",
        zh="庭院聚会招募志愿者",
    ),
    t(
        "Serve una mano per montare i tavoli, cucinare e animare i giochi dei bambini.",
        en="We need a hand to set up the tables, cook and run the children's games.",
        fr="Il nous faut un coup de main pour monter les tables, cuisiner et animer les jeux des enfants.",
        es="Necesitamos ayuda para montar las mesas, cocinar y animar los juegos de los niños.",
        ro="Avem nevoie de ajutor la montat mesele, la gătit și la jocurile copiilor.",
        ar="نحتاج إلى مساعدة في تركيب الطاولات والطبخ وتنشيط ألعاب الأطفال.",
        zh="需要有人帮忙摆桌子、做饭和组织孩子们的游戏。",
    ),
    t(
        "Scrivete a Sara Medici o passate alla Casa: anche un'ora è preziosa.",
        en="Write to Sara Medici or drop by the house: even one hour helps.",
        fr="Écrivez à Sara Medici ou passez à la maison : même une heure compte.",
        es="Escribid a Sara Medici o pasad por la casa: incluso una hora es valiosa.",
        ro="Scrieți-i Sarei Medici sau treceți pe la casă: și o oră contează.",
        ar="اكتبوا إلى سارة ميديتشي أو مرّوا على البيت: حتى ساعة واحدة ثمينة.",
        zh="请写信给 Sara Medici 或到街区之家来：哪怕一小时也很宝贵。",
    ),
    t(
        "Nuovi orari dello sportello di ascolto",
        en="New opening hours of the listening desk",
        fr="Nouveaux horaires de la permanence d'écoute",
        es="Nuevo horario del punto de escucha",
        ro="Program nou la biroul de ascultare",
        ar="مواعيد جديدة لمكتب الاستماع",
        zh="倾听窗口新的开放时间",
    ),
    t(
        "Lo sportello di ascolto apre anche il giovedì pomeriggio, dalle 15 alle 18.",
        en="The listening desk now also opens on Thursday afternoons, from 3 to 6 pm.",
        fr="La permanence d'écoute ouvre aussi le jeudi après-midi, de 15 h à 18 h.",
        es="El punto de escucha abre también los jueves por la tarde, de 15 a 18 h.",
        ro="Biroul de ascultare este deschis și joi după-amiaza, între 15 și 18.",
        ar="يفتح مكتب الاستماع أيضًا مساء الخميس من الساعة 15 إلى 18.",
        zh="倾听窗口现在周四下午也开放，时间为15点至18点。",
    ),
    t(
        "Non serve appuntamento: venite quando potete, vi ascoltiamo con calma.",
        en="No appointment needed: come when you can, we will listen to you calmly.",
        fr="Pas besoin de rendez-vous : venez quand vous pouvez, nous vous écoutons avec calme.",
        es="No hace falta cita: venid cuando podáis, os escuchamos con calma.",
        ro="Nu aveți nevoie de programare: veniți când puteți, vă ascultăm cu răbdare.",
        ar="لا حاجة إلى موعد: تعالوا متى استطعتم، نستمع إليكم بهدوء.",
        zh="无需预约：有空就来，我们会耐心倾听。",
    ),
    t(
        "Lingue in circolo cerca nuove voci",
        en="Lingue in circolo is looking for new voices",
        fr="Lingue in circolo cherche de nouvelles voix",
        es="Lingue in circolo busca nuevas voces",
        ro="Lingue in circolo caută voci noi",
        ar="«لينغوي إن تشيركولو» تبحث عن أصوات جديدة",
        zh="Lingue in circolo 寻找新成员",
    ),
    t(
        "Al tavolo di conversazione mancano persone che parlano arabo, cinese e rumeno.",
        en="The conversation table is missing people who speak Arabic, Chinese and Romanian.",
        fr="À la table de conversation, il manque des personnes qui parlent arabe, chinois et roumain.",
        es="En la mesa de conversación faltan personas que hablen árabe, chino y rumano.",
        ro="La masa de conversație lipsesc persoane care vorbesc arabă, chineză și română.",
        ar="تحتاج طاولة المحادثة إلى أشخاص يتكلمون العربية والصينية والرومانية.",
        zh="会话桌还缺会说阿拉伯语、中文和罗马尼亚语的人。",
    ),
    t(
        "Se parlate una di queste lingue, venite a conoscerci: si chiacchiera e si impara insieme.",
        en="If you speak one of these languages, come and meet us: we chat and learn together.",
        fr="Si vous parlez l'une de ces langues, venez nous rencontrer : on bavarde et on apprend ensemble.",
        es="Si habláis uno de estos idiomas, venid a conocernos: se charla y se aprende juntos.",
        ro="Dacă vorbiți una dintre aceste limbi, veniți să ne cunoașteți: stăm de vorbă și învățăm împreună.",
        ar="إن كنتم تتكلمون إحدى هذه اللغات فتعالوا للتعرف علينا: نتحدث ونتعلم معًا.",
        zh="如果您会说其中一种语言，欢迎来认识我们：一起聊天，一起学习。",
    ),
    t(
        "Una mattina per conoscere il corso di italiano",
        en="A morning to get to know the Italian course",
        fr="Une matinée pour découvrir le cours d'italien",
        es="Una mañana para conocer el curso de italiano",
        ro="O dimineață pentru a cunoaște cursul de italiană",
        ar="صباح للتعرف على دورة اللغة الإيطالية",
        zh="了解意大利语课程的开放上午",
    ),
    t(
        "All'open day si conoscono insegnanti e compagni prima di iscriversi.",
        en="At the open day you meet the teachers and classmates before enrolling.",
        fr="À la journée portes ouvertes, on rencontre les enseignants et les camarades avant de s'inscrire.",
        es="En la jornada de puertas abiertas se conoce a profesores y compañeros antes de inscribirse.",
        ro="La ziua porților deschise îi cunoașteți pe profesori și pe colegi înainte de înscriere.",
        ar="في اليوم المفتوح تتعرفون على المعلمين والزملاء قبل التسجيل.",
        zh="开放日可以在报名前认识老师和同学。",
    ),
    t(
        "Ci sarà un piccolo test per scegliere il livello giusto, senza voti e senza fretta.",
        en="There will be a short test to choose the right level, with no marks and no rush.",
        fr="Il y aura un petit test pour choisir le bon niveau, sans notes et sans se presser.",
        es="Habrá una pequeña prueba para elegir el nivel adecuado, sin notas y sin prisas.",
        ro="Va fi un mic test pentru a alege nivelul potrivit, fără note și fără grabă.",
        ar="سيكون هناك اختبار قصير لاختيار المستوى المناسب، بلا درجات ولا عجلة.",
        zh="会有一个简短的测试来选择合适的级别，不打分，不着急。",
    ),
    # Barriera di Milano
    t(
        "Sportello lavoro: aiuto per il curriculum",
        en="Work desk: help with your CV",
        fr="Permanence emploi : de l'aide pour le CV",
        es="Punto de empleo: ayuda con el currículum",
        ro="Biroul pentru muncă: ajutor la CV",
        ar="مكتب العمل: مساعدة في كتابة السيرة الذاتية",
        zh="就业窗口：帮您写简历",
    ),
    t(
        "Ogni martedì una volontaria aiuta a scrivere o aggiornare il curriculum.",
        en="Every Tuesday a volunteer helps you write or update your CV.",
        fr="Chaque mardi, une bénévole aide à rédiger ou à mettre à jour son CV.",
        es="Cada martes una voluntaria ayuda a escribir o actualizar el currículum.",
        ro="În fiecare marți, o voluntară vă ajută să scrieți sau să actualizați CV-ul.",
        ar="كل يوم ثلاثاء تساعد متطوعة في كتابة السيرة الذاتية أو تحديثها.",
        zh="每周二有一位志愿者帮助撰写或更新简历。",
    ),
    t(
        "Portate i vostri documenti e, se l'avete, una chiavetta USB.",
        en="Bring your documents and, if you have one, a USB stick.",
        fr="Apportez vos documents et, si vous en avez une, une clé USB.",
        es="Traed vuestros documentos y, si la tenéis, una memoria USB.",
        ro="Aduceți-vă actele și, dacă aveți, un stick USB.",
        ar="أحضروا وثائقكم، وذاكرة USB إن وُجدت.",
        zh="请携带您的证件，如果有的话再带一个U盘。",
    ),
    t(
        "Italiano per mamme: posti liberi",
        en="Italian for mothers: places available",
        fr="Italien pour les mamans : places disponibles",
        es="Italiano para madres: plazas libres",
        ro="Italiană pentru mame: locuri libere",
        ar="الإيطالية للأمهات: أماكن شاغرة",
        zh="妈妈意大利语班：尚有名额",
    ),
    t(
        "Ci sono ancora cinque posti nel corso di italiano per mamme, con spazio gioco per i bambini.",
        en="There are still five places in the Italian course for mothers, with a play area for the children.",
        fr="Il reste encore cinq places dans le cours d'italien pour les mamans, avec un espace de jeu pour les enfants.",
        es="Quedan todavía cinco plazas en el curso de italiano para madres, con espacio de juego para los niños.",
        ro="Mai sunt cinci locuri la cursul de italiană pentru mame, cu spațiu de joacă pentru copii.",
        ar="لا تزال هناك خمسة أماكن في دورة الإيطالية للأمهات، مع مساحة لعب للأطفال.",
        zh="妈妈意大利语班还有五个名额，并设有儿童游戏区。",
    ),
    t(
        "Iscrizioni ai Bagni Pubblici di via Agliè, dal lunedì al venerdì.",
        en="Enrol at the Bagni Pubblici di via Agliè, Monday to Friday.",
        fr="Inscriptions aux Bagni Pubblici di via Agliè, du lundi au vendredi.",
        es="Inscripciones en los Bagni Pubblici di via Agliè, de lunes a viernes.",
        ro="Înscrieri la Bagni Pubblici di via Agliè, de luni până vineri.",
        ar="التسجيل في «باني بوبليتشي» في شارع أليي، من الاثنين إلى الجمعة.",
        zh="报名地点：Bagni Pubblici di via Agliè，周一至周五。",
    ),
    t(
        "Compiti insieme riparte dopo le vacanze",
        en="Homework together starts again after the holidays",
        fr="Devoirs ensemble reprend après les vacances",
        es="Deberes juntos vuelve después de las vacaciones",
        ro="Temele împreună reîncep după vacanță",
        ar="«الواجبات معًا» يعود بعد العطلة",
        zh="“一起写作业”假期后重新开始",
    ),
    t(
        "Il doposcuola gratuito per i ragazzi delle medie riprende con nuovi volontari.",
        en="The free after-school club for middle-school pupils starts again with new volunteers.",
        fr="L'aide aux devoirs gratuite pour les collégiens reprend avec de nouveaux bénévoles.",
        es="El apoyo escolar gratuito para chicos de secundaria vuelve con nuevos voluntarios.",
        ro="Meditațiile gratuite pentru elevii de gimnaziu reîncep cu voluntari noi.",
        ar="يعود الدعم المدرسي المجاني لتلاميذ المرحلة المتوسطة مع متطوعين جدد.",
        zh="面向初中生的免费课后辅导重新开始，并有新的志愿者加入。",
    ),
    t(
        "Cerchiamo ancora studenti universitari disponibili un pomeriggio alla settimana.",
        en="We are still looking for university students free one afternoon a week.",
        fr="Nous cherchons encore des étudiants disponibles un après-midi par semaine.",
        es="Seguimos buscando estudiantes universitarios disponibles una tarde a la semana.",
        ro="Mai căutăm studenți disponibili o după-amiază pe săptămână.",
        ar="ما زلنا نبحث عن طلاب جامعيين متاحين بعد ظهر يوم واحد في الأسبوع.",
        zh="我们仍在寻找每周能抽出一个下午的大学生。",
    ),
    t(
        "Barriera in festa: il programma",
        en="Barriera in festa: the programme",
        fr="Barriera in festa : le programme",
        es="Barriera in festa: el programa",
        ro="Barriera in festa: programul",
        ar="«باريرا إن فيستا»: البرنامج",
        zh="Barriera in festa：活动安排",
    ),
    t(
        "Musica, cibo e giochi in piazza: ecco il programma della festa di quartiere.",
        en="Music, food and games in the square: here is the programme of the neighbourhood party.",
        fr="Musique, cuisine et jeux sur la place : voici le programme de la fête de quartier.",
        es="Música, comida y juegos en la plaza: este es el programa de la fiesta del barrio.",
        ro="Muzică, mâncare și jocuri în piață: iată programul petrecerii de cartier.",
        ar="موسيقى وطعام وألعاب في الساحة: إليكم برنامج حفلة الحي.",
        zh="广场上的音乐、美食和游戏：街区节日的活动安排在这里。",
    ),
    t(
        "Il programma completo è appeso all'ingresso dei Bagni Pubblici e sulla pagina dell'evento.",
        en="The full programme is posted at the entrance of the Bagni Pubblici and on the event's page.",
        fr="Le programme complet est affiché à l'entrée des Bagni Pubblici et sur la page de l'événement.",
        es="El programa completo está colgado en la entrada de los Bagni Pubblici y en la página del evento.",
        ro="Programul complet este afișat la intrarea în Bagni Pubblici și pe pagina evenimentului.",
        ar="البرنامج الكامل معلّق عند مدخل «باني بوبليتشي» وعلى صفحة الفعالية.",
        zh="完整安排张贴在 Bagni Pubblici 入口处，也可在活动页面查看。",
    ),
    t(
        "Raccolta di libri per la biblioteca dei Bagni",
        en="Book collection for the Bagni's library",
        fr="Collecte de livres pour la bibliothèque des Bagni",
        es="Recogida de libros para la biblioteca de los Bagni",
        ro="Colectă de cărți pentru biblioteca de la Bagni",
        ar="جمع الكتب لمكتبة «باني»",
        zh="为 Bagni 图书角募集图书",
    ),
    t(
        "Portate i libri per ragazzi che non leggete più: nasce una piccola biblioteca di scambio.",
        en="Bring the children's books you no longer read: a small swap library is starting.",
        fr="Apportez les livres pour jeunes que vous ne lisez plus : une petite bibliothèque d'échange voit le jour.",
        es="Traed los libros juveniles que ya no leéis: nace una pequeña biblioteca de intercambio.",
        ro="Aduceți cărțile pentru copii pe care nu le mai citiți: se naște o mică bibliotecă de schimb.",
        ar="أحضروا كتب الأطفال التي لم تعودوا تقرؤونها: تولد مكتبة تبادل صغيرة.",
        zh="请把不再看的少儿图书带来：一个小小的换书图书角就要诞生了。",
    ),
    t(
        "Accettiamo libri in tutte le lingue, in buono stato.",
        en="We accept books in every language, in good condition.",
        fr="Nous acceptons des livres dans toutes les langues, en bon état.",
        es="Aceptamos libros en todos los idiomas, en buen estado.",
        ro="Primim cărți în toate limbile, în stare bună.",
        ar="نقبل الكتب بكل اللغات، بحالة جيدة.",
        zh="接受各种语言、品相良好的图书。",
    ),
    # Mirafiori Sud
    t(
        "Bollette: come chiedere il bonus",
        en="Bills: how to apply for the discount",
        fr="Factures : comment demander la prime",
        es="Facturas: cómo pedir el bono",
        ro="Facturi: cum cereți bonusul",
        ar="الفواتير: كيف تطلبون المنحة",
        zh="账单：如何申请补贴",
    ),
    t(
        "Lo sportello casa e bollette spiega chi ha diritto al bonus e come chiederlo.",
        en="The housing and bills desk explains who is entitled to the discount and how to apply.",
        fr="La permanence logement et factures explique qui a droit à la prime et comment la demander.",
        es="El punto de vivienda y facturas explica quién tiene derecho al bono y cómo pedirlo.",
        ro="Biroul pentru locuință și facturi explică cine are dreptul la bonus și cum se cere.",
        ar="يشرح مكتب السكن والفواتير من يحق له الحصول على المنحة وكيف يطلبها.",
        zh="住房与账单窗口会说明谁有资格获得补贴以及如何申请。",
    ),
    t(
        "Portate l'ultima bolletta e l'ISEE, se l'avete già.",
        en="Bring your last bill and your ISEE certificate, if you already have it.",
        fr="Apportez votre dernière facture et l'ISEE, si vous l'avez déjà.",
        es="Traed la última factura y el ISEE, si ya lo tenéis.",
        ro="Aduceți ultima factură și ISEE-ul, dacă îl aveți deja.",
        ar="أحضروا آخر فاتورة وشهادة ISEE إن كانت لديكم.",
        zh="请携带最近一期账单和 ISEE 证明（如已办理）。",
    ),
    t(
        "Orti condivisi: si assegnano due parcelle",
        en="Shared gardens: two plots to be assigned",
        fr="Jardins partagés : deux parcelles à attribuer",
        es="Huertos compartidos: se asignan dos parcelas",
        ro="Grădini comune: se atribuie două parcele",
        ar="الحدائق المشتركة: توزيع قطعتين",
        zh="共享菜园：分配两块地",
    ),
    t(
        "Due parcelle degli orti condivisi sono libere: le assegniamo a chi abita nel quartiere.",
        en="Two plots of the shared gardens are free: we will assign them to people who live in the district.",
        fr="Deux parcelles des jardins partagés sont libres : nous les attribuons aux habitants du quartier.",
        es="Dos parcelas de los huertos compartidos están libres: las asignamos a quien vive en el barrio.",
        ro="Două parcele din grădinile comune sunt libere: le atribuim locuitorilor cartierului.",
        ar="قطعتان من الحدائق المشتركة شاغرتان: نمنحهما لمن يسكن في الحي.",
        zh="共享菜园有两块地空出：将分配给本街区的居民。",
    ),
    t(
        "Le domande si consegnano alla Casa nel Parco entro la fine del mese.",
        en="Applications go to the Casa nel Parco by the end of the month.",
        fr="Les demandes sont à déposer à la Casa nel Parco avant la fin du mois.",
        es="Las solicitudes se entregan en la Casa nel Parco antes de fin de mes.",
        ro="Cererile se depun la Casa nel Parco până la sfârșitul lunii.",
        ar="تُسلَّم الطلبات إلى «كازا نيل باركو» قبل نهاية الشهر.",
        zh="申请请在月底前交到 Casa nel Parco。",
    ),
    t(
        "Semi da scambiare tra vicini",
        en="Seeds to swap between neighbours",
        fr="Des graines à échanger entre voisins",
        es="Semillas para intercambiar entre vecinos",
        ro="Semințe de schimbat între vecini",
        ar="بذور للتبادل بين الجيران",
        zh="邻里交换种子",
    ),
    t(
        "Portate i vostri semi e scambiateli con quelli dei vicini.",
        en="Bring your seeds and swap them with your neighbours'.",
        fr="Apportez vos graines et échangez-les avec celles des voisins.",
        es="Traed vuestras semillas e intercambiadlas con las de los vecinos.",
        ro="Aduceți-vă semințele și schimbați-le cu cele ale vecinilor.",
        ar="أحضروا بذوركم وتبادلوها مع بذور الجيران.",
        zh="带上您的种子，和邻居们交换。",
    ),
    t(
        "Ci saranno anche piantine da regalare e i consigli degli ortolani più esperti.",
        en="There will also be seedlings to give away and tips from the most experienced gardeners.",
        fr="Il y aura aussi des plants à offrir et les conseils des jardiniers les plus expérimentés.",
        es="También habrá plantones para regalar y los consejos de los hortelanos más expertos.",
        ro="Vor fi și răsaduri de dăruit și sfaturile celor mai pricepuți grădinari.",
        ar="ستكون هناك أيضًا شتلات مجانية ونصائح من أمهر المزارعين.",
        zh="还会有免费赠送的幼苗，以及经验丰富的菜农分享心得。",
    ),
    t(
        "Gruppo di cammino: nuovo percorso nel parco",
        en="Walking group: a new route in the park",
        fr="Groupe de marche : un nouveau parcours dans le parc",
        es="Grupo de caminata: nuevo recorrido por el parque",
        ro="Grupul de mers: un traseu nou prin parc",
        ar="مجموعة المشي: مسار جديد في الحديقة",
        zh="健步走小组：公园里的新路线",
    ),
    t(
        "Il gruppo di cammino prova un nuovo giro lungo il torrente Sangone.",
        en="The walking group is trying a new loop along the Sangone stream.",
        fr="Le groupe de marche essaie un nouveau circuit le long du torrent Sangone.",
        es="El grupo de caminata prueba una nueva vuelta a lo largo del torrente Sangone.",
        ro="Grupul de mers încearcă un traseu nou de-a lungul pârâului Sangone.",
        ar="تجرب مجموعة المشي جولة جديدة على طول نهر سانغوني.",
        zh="健步走小组尝试沿 Sangone 溪的新环线。",
    ),
    t(
        "Scarpe comode e una bottiglia d'acqua: al resto pensiamo noi.",
        en="Comfortable shoes and a bottle of water: we will take care of the rest.",
        fr="Des chaussures confortables et une bouteille d'eau : nous nous occupons du reste.",
        es="Zapatos cómodos y una botella de agua: del resto nos ocupamos nosotros.",
        ro="Pantofi comozi și o sticlă de apă: de restul ne ocupăm noi.",
        ar="أحذية مريحة وزجاجة ماء: ونحن نتكفل بالباقي.",
        zh="穿舒适的鞋，带一瓶水，其余的交给我们。",
    ),
    t(
        "Pranzo sociale alla Casa nel Parco",
        en="Community lunch at the Casa nel Parco",
        fr="Déjeuner partagé à la Casa nel Parco",
        es="Comida social en la Casa nel Parco",
        ro="Prânz comunitar la Casa nel Parco",
        ar="غداء جماعي في «كازا نيل باركو»",
        zh="Casa nel Parco 社区午餐",
    ),
    t(
        "Il primo sabato del mese si pranza insieme: chi può porta qualcosa da condividere.",
        en="On the first Saturday of the month we have lunch together: bring something to share if you can.",
        fr="Le premier samedi du mois, on déjeune ensemble : qui peut apporte quelque chose à partager.",
        es="El primer sábado del mes se come juntos: quien pueda, que traiga algo para compartir.",
        ro="În prima sâmbătă a lunii luăm prânzul împreună: cine poate aduce ceva de împărțit.",
        ar="في أول سبت من الشهر نتناول الغداء معًا: من استطاع فليحضر شيئًا للمشاركة.",
        zh="每月第一个周六一起吃午饭：方便的话带点东西来分享。",
    ),
    t(
        "Prenotate alla Casa nel Parco entro il giovedì.",
        en="Book at the Casa nel Parco by Thursday.",
        fr="Réservez à la Casa nel Parco avant le jeudi.",
        es="Reservad en la Casa nel Parco antes del jueves.",
        ro="Rezervați la Casa nel Parco până joi.",
        ar="احجزوا في «كازا نيل باركو» قبل يوم الخميس.",
        zh="请在周四前到 Casa nel Parco 预约。",
    ),
    # The portal
    t(
        "Le notizie dei quartieri in un posto solo",
        en="The districts' news in one place",
        fr="Les actualités des quartiers en un seul endroit",
        es="Las noticias de los barrios en un solo lugar",
        ro="Știrile cartierelor într-un singur loc",
        ar="أخبار الأحياء في مكان واحد",
        zh="各街区新闻，一处尽览",
    ),
    t(
        "Qui trovate le novità di tutte le Case del Quartiere: aperture, iscrizioni e appelli.",
        en="Here you find the news of every neighbourhood house: openings, enrolments and calls.",
        fr="Vous trouvez ici les nouvelles de toutes les maisons de quartier : ouvertures, inscriptions et appels.",
        es="Aquí encontráis las novedades de todas las casas del barrio: aperturas, inscripciones y llamamientos.",
        ro="Aici găsiți noutățile tuturor caselor de cartier: deschideri, înscrieri și apeluri.",
        ar="هنا تجدون أخبار كل بيوت الأحياء: افتتاحات وتسجيلات ونداءات.",
        zh="这里汇集所有街区之家的最新消息：开放、报名和招募。",
    ),
    t(
        "Potete seguire le notizie anche con un lettore di feed RSS.",
        en="You can also follow the news with an RSS feed reader.",
        fr="Vous pouvez aussi suivre les actualités avec un lecteur de flux RSS.",
        es="También podéis seguir las noticias con un lector de feeds RSS.",
        ro="Puteți urmări știrile și cu un cititor de fluxuri RSS.",
        ar="يمكنكم أيضًا متابعة الأخبار عبر قارئ خلاصات RSS.",
        zh="您也可以用 RSS 阅读器关注新闻。",
    ),
    t(
        "Le Case del Quartiere cercano volontari",
        en="The neighbourhood houses are looking for volunteers",
        fr="Les maisons de quartier cherchent des bénévoles",
        es="Las casas del barrio buscan voluntarios",
        ro="Casele de cartier caută voluntari",
        ar="بيوت الأحياء تبحث عن متطوعين",
        zh="街区之家招募志愿者",
    ),
    t(
        "San Salvario, Barriera di Milano e Mirafiori Sud cercano volontari per l'autunno.",
        en="San Salvario, Barriera di Milano and Mirafiori Sud are looking for volunteers for the autumn.",
        fr="San Salvario, Barriera di Milano et Mirafiori Sud cherchent des bénévoles pour l'automne.",
        es="San Salvario, Barriera di Milano y Mirafiori Sud buscan voluntarios para el otoño.",
        ro="San Salvario, Barriera di Milano și Mirafiori Sud caută voluntari pentru toamnă.",
        ar="سان سالفاريو وباريرا دي ميلانو وميرافيوري سود تبحث عن متطوعين للخريف.",
        zh="San Salvario、Barriera di Milano 和 Mirafiori Sud 正在招募秋季志愿者。",
    ),
    t(
        "Chi ha un po' di tempo può scrivere alla propria Casa del Quartiere.",
        en="If you have a little time, write to your neighbourhood house.",
        fr="Qui a un peu de temps peut écrire à sa maison de quartier.",
        es="Quien tenga un poco de tiempo puede escribir a su casa del barrio.",
        ro="Cine are puțin timp poate scrie casei de cartier din zona sa.",
        ar="من لديه بعض الوقت يمكنه أن يكتب إلى بيت الحي الخاص به.",
        zh="有空闲时间的人可以写信给自己所在的街区之家。",
    ),
]


def build_memory():
    """{Italian string: {language code: translation}}, refusing an Italian string given twice."""
    memory = {}
    entries = (
        TAXONOMY
        + HOUSES_AND_MANAGERS
        + HOME
        + each_district()
        + DISTRICTS
        + COMMON
        + SAN_SALVARIO_ACTIVITIES
        + BARRIERA_ACTIVITIES
        + MIRAFIORI_ACTIVITIES
        + CLOSURES
        + NOTICES
        + each_news_index()
        + NEWS
    )
    for italian, translations in entries:
        if italian in memory:
            raise ValueError(f"The demo translation memory has “{italian}” twice.")
        memory[italian] = translations
    return memory


MEMORY = build_memory()
