/** Names, places and phone formats for the demo customers of a UK-based online shop. */

const words = (s: string): readonly string[] => s.split("|");

export type Locale = "en" | "de" | "fr" | "nl" | "es" | "it";

export const FIRST_NAMES: Record<Locale, readonly string[]> = {
  en: words(
    "Oliver|Amelia|George|Olivia|Harry|Isla|Jack|Emily|Noah|Sophie|Charlie|Grace|Thomas|Lily|James|Chloë|William|Ella|Jacob|Freya|Alfie|Ava|Oscar|Mia|Aoife|Seán|Priya|Mohammed|Zoë|Ethan",
  ),
  de: words("Lukas|Anna|Leon|Lea|Finn|Hannah|Jonas|Mia|Paul|Lena|Felix|Sophie|Maximilian|Marie|Jörg|Jürgen|Emilia|Luis|Clara|Niklas"),
  fr: words("Gabriel|Léa|Louis|Emma|Raphaël|Chloé|Jules|Manon|Hugo|Camille|Arthur|Inès|Lucas|Jade|Théo|Zoé|Nathan|Élodie|Mathis|Anaïs"),
  nl: words("Daan|Emma|Sem|Julia|Lucas|Sophie|Levi|Tess|Finn|Sara|Bram|Anna|Ruben|Fleur|Thijs|Lotte|Jesse|Noor|Milan|Evi"),
  es: words(
    "Hugo|Lucía|Martín|Sofía|Pablo|María|Alejandro|Paula|Daniel|Valeria|Álvaro|Julia|Adrián|Carmen|Javier|Elena|Diego|Irene|Sergio|Núria",
  ),
  it: words(
    "Leonardo|Sofia|Francesco|Giulia|Alessandro|Aurora|Lorenzo|Alice|Mattia|Ginevra|Andrea|Emma|Gabriele|Giorgia|Tommaso|Beatrice|Riccardo|Chiara|Niccolò|Martina",
  ),
};

export const LAST_NAMES: Record<Locale, readonly string[]> = {
  en: words(
    "Smith|Jones|Taylor|Brown|Williams|Wilson|Johnson|Davies|Patel|Robinson|Wright|Thompson|Evans|Walker|White|Roberts|Green|Hall|Wood|Jackson|Clarke|O'Brien|Murphy|Kelly|Byrne|Khan|Hughes|Edwards|Lewis|McDonald",
  ),
  de: words(
    "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Schäfer|Koch|Bauer|Richter|Klein|Wolf|Schröder|Neumann|Schwarz|Zimmermann",
  ),
  fr: words(
    "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefèbvre|Michel|Garcia|David|Bertrand|Roux|Vincent|Fournier",
  ),
  nl: words(
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer",
  ),
  es: words(
    "García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|Martín|Jiménez|Ruiz|Hernández|Díaz|Moreno|Muñoz|Álvarez|Romero|Alonso|Gutiérrez",
  ),
  it: words(
    "Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|Conti|De Luca|Mancini|Costa|Giordano|Rizzo|Lombardi|Moretti",
  ),
};

export interface CountrySpec {
  code: string;
  locale: Locale;
  weight: number;
  /** Biggest first: earlier cities are picked more often. */
  cities: readonly string[];
  /** E.164 mobile pattern: # any digit, N a digit 2–9. */
  phone: string;
}

export const COUNTRIES: readonly CountrySpec[] = [
  {
    code: "GB",
    locale: "en",
    weight: 58,
    phone: "+447N########",
    cities: words(
      "London|Manchester|Birmingham|Leeds|Glasgow|Bristol|Edinburgh|Liverpool|Sheffield|Cardiff|Brighton|Norwich|York|Belfast|Oxford",
    ),
  },
  { code: "IE", locale: "en", weight: 6, phone: "+3538N#######", cities: words("Dublin|Cork|Galway|Limerick|Waterford|Kilkenny") },
  {
    code: "US",
    locale: "en",
    weight: 7,
    phone: "+1N##N######",
    cities: words("New York|Los Angeles|Chicago|Boston|Seattle|Austin|Portland|Denver"),
  },
  {
    code: "DE",
    locale: "de",
    weight: 8,
    phone: "+4915N#######",
    cities: words("Berlin|Hamburg|München|Köln|Frankfurt am Main|Stuttgart|Düsseldorf|Leipzig"),
  },
  {
    code: "FR",
    locale: "fr",
    weight: 7,
    phone: "+336########",
    cities: words("Paris|Lyon|Marseille|Toulouse|Nantes|Bordeaux|Lille|Strasbourg"),
  },
  { code: "NL", locale: "nl", weight: 5, phone: "+316########", cities: words("Amsterdam|Rotterdam|Utrecht|Den Haag|Eindhoven|Groningen") },
  { code: "ES", locale: "es", weight: 4, phone: "+346########", cities: words("Madrid|Barcelona|Valencia|Sevilla|Málaga|Bilbao") },
  { code: "IT", locale: "it", weight: 3, phone: "+393N########", cities: words("Roma|Milano|Torino|Napoli|Bologna|Firenze") },
  { code: "AU", locale: "en", weight: 2, phone: "+614########", cities: words("Sydney|Melbourne|Brisbane|Perth|Adelaide") },
];

/** Reserved (RFC 2606 / 6761) domains only: demo addresses can never reach a real inbox. */
export const PERSONAL_DOMAINS = words("example.com|example.net|example.org|mail.example|inbox.test");
export const WORK_DOMAINS = words("acme.example|globex.example|initech.example|umbrella.example");

export const ACQUISITION_CHANNELS = words("organic_search|paid_social|newsletter_signup|referral|marketplace|direct");

export const USER_AGENTS = words(
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1|" +
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36|" +
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15|" +
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36|" +
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
);
