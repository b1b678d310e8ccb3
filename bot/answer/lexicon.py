"""Word lists and the light stemmer the matcher uses to weigh and compare words.

Function words and chat verbs are kept (they separate "who" from "when"), but weigh little:
the matcher multiplies their inverse document frequency by STOPWORD_WEIGHT.
"""

from __future__ import annotations

from functools import lru_cache

STOPWORD_WEIGHT = 0.15

_SUFFIXES = (
    ("ies", "y", 3),
    ("ied", "y", 3),
    ("sses", "ss", 2),
    ("ing", "", 4),
    ("ed", "", 4),
    ("es", "", 4),
    ("s", "", 3),
)


@lru_cache(maxsize=1 << 16)
def stem(token: str) -> str:
    """A deliberately light suffix stemmer: plural, past and -ing forms meet their base.

    Cached (bounded): a question's words are mostly words seen before, and a long message
    has its words stemmed by every reading of every part.

    Heavier stemmers (Porter) merge words we need apart (e.g. "us" the country, "used"), and
    typos are handled by fuzzy correction, not by the stemmer. Digits and non-Latin words pass
    through unchanged.

    >>> [stem(w) for w in ("countries", "banned", "us", "munitions", "k5")]
    ['country', 'ban', 'us', 'munition', 'k5']
    """
    if len(token) <= 3 or not token.isascii() or not token.isalpha():
        return token
    for suffix, replacement, min_stem in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= min_stem:
            if suffix == "s" and token.endswith(("ss", "us", "is", "ous")):
                return token
            if suffix == "es" and not token.endswith(("ches", "shes", "xes", "sses", "zes")):
                continue
            base = token[: len(token) - len(suffix)] + replacement
            if (
                suffix in ("ing", "ed")
                and len(base) > 3
                and base[-1] == base[-2]
                and base[-1] not in "lsz"
            ):
                base = base[:-1]  # banned -> ban, stopped -> stop
            return _drop_final_e(base)
    return _drop_final_e(token)


def _drop_final_e(base: str) -> str:
    """ "oppose" and "opposed", "create" and "created", "source" and "sources" meet: the
    suffix rules leave "oppos" from one and "oppose" from the other. Short words keep their
    e ("use" must not become "us", the country)."""
    return base[:-1] if len(base) >= 5 and base.endswith("e") and not base.endswith("ee") else base


#: endings that turn one word into a relative of another (ratif-y / ratif-ication)
_DERIVATIONAL = frozenset(
    """s e y es ed er or al ion ation ication ition tion ment ments ship ing ity ive ly ence
    ance ant ent ure ize ise ist ism ian an ic ical ally ful less able ible ory ary ery""".split()
) | {""}


def related_words(a: str, b: str, min_prefix: int) -> bool:
    """Same family: a common prefix of at least `min_prefix` letters, and what is left of
    each word is a derivational ending (withdraw/withdrawal, ratify/ratification,
    contaminated/contamination), so current/currency or consider/consist stay apart.

    >>> related_words("ratify", "ratification", 5), related_words("current", "currency", 5)
    (True, False)
    """
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common < min_prefix:
        return False
    # the shared stem may end one letter early: ratif(y) / ratif(ication)
    return any(
        a[cut:] in _DERIVATIONAL and b[cut:] in _DERIVATIONAL for cut in (common, common - 1)
    )


QUESTION_WORDS = frozenset(
    "what whats who whos whom whose when where why how which whether".split()
)

_FUNCTION_WORDS = """
    a an the this that these those there here it its itself they them their theirs
    i me my we our ours you your yours he him his she her hers one ones someone anyone
    is am are was were be been being do does did doing done have has had having
    will would shall should can could may might must ought
    of in on at to for from by with without about as into onto over under up down out off
    than then so if or and but nor yes also too very just only even still yet ever
    all any some each every both either neither such same other another more most much
    few lot lots bit kind sort way thing things stuff something anything everything nothing
    get gets got getting go goes going went make makes made let lets tell told
    know knows knew known think thought mean means meant want wants wanted need needs like
    see seen look looking find found give gave given take took come came really
    actually exactly basically specifically literally currently please thanks thank
    ok okay yeah yep nope hey hi hello well now again back explain explained describe
    info information details detail question answer regarding re wrt vs versus via per
    etc eg ie overview summary summarise summarize simple simply words short brief briefly
    basics basic quick gist nutshell eli5 tldr everything anyway exactly wonder
    myself yourself himself herself itself ourselves themselves anybody nobody somebody
    everybody whatever whoever whenever however though although because since while
    unless whether until yes no not maybe perhaps probably really right now today
    guess honest literally wait hmm huh wow omg
    roughly approximately approx ballpark precisely technically supposedly apparently
    honestly seriously btw ngl tbh imo lol lmao bro dude guys folks
    friend friends teacher prof professor lecturer dad mum mom cousin grandma grandpa
    uncle aunt classmate classmates boss homework essay assignment tiktok youtube reddit
    happen happened happens happening besides exact
    actual legit irl lil gonna gotta wanna reckon reckons bet suppose supposed assume assuming
    trying tried sound sounds genuinely surely obviously hypothetically chat inb4 gather
    recall heard hear hears saw compare compared comparison
    kindly dear sir madam pardon
    grandmother grandfather granny guy roommate missus
    dey wey abi po ba ng na din yang pang
"""

#: function words and chat verbs, as written and as stemmed (the matcher compares stems)
STOPWORDS = (
    frozenset(form for word in _FUNCTION_WORDS.split() for form in (word, stem(word)))
    - QUESTION_WORDS
)

#: Country names and demonyms (as normalized text). A question that names a country asks about
#: that country: an entry that never mentions it is not its answer. Every name and alias in
#: knowledge/countries.yaml has at least one word here (tests/unit/kb/test_countries.py);
#: the most distinctive one where the others are everyday English ("ivory", not "coast").
_COUNTRY_WORDS = """
    afghanistan albania algeria andorra angola antigua argentina armenia australia austria
    azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia
    bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada chad chile
    china colombia comoros congo croatia cuba cyprus czechia czech denmark djibouti dominica
    ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia
    germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india
    indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati
    korea kosovo kuwait kyrgyzstan laos lao latvia lebanon lesotho liberia libya liechtenstein
    lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius
    mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma
    namibia nauru nepal netherlands holland zealand nicaragua niger nigeria macedonia norway
    oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar
    romania russia rwanda samoa marino senegal serbia seychelles sierra singapore slovakia
    slovenia solomon somalia spain lanka sudan suriname sweden switzerland syria taiwan
    tajikistan tanzania thailand timor togo tonga trinidad tunisia turkey turkmenistan tuvalu
    uganda ukraine emirates uae uk us uruguay uzbekistan vanuatu vatican venezuela vietnam
    yemen zambia zimbabwe europe eu asia africa
    barbuda herzegovina bih faso cabo verde costa rica ivoire divoire ivory dominican salvador
    bissau equatorial swaziland eire aotearoa niue kitts nevis lucia vincent grenadines sao
    tome principe leone sri rsa ceylon tobago arabia drc prc rok ksa viet suomi hellas
    hellenic turkiye togolese gabonese kinshasa brazzaville cote cook holy african
    afghan albanian algerian argentine armenian australian austrian belgian bolivian brazilian
    bulgarian chilean chinese colombian croatian cuban danish dutch egyptian estonian
    ethiopian finnish french german greek hungarian indian indonesian iranian iraqi irish
    israeli italian japanese jordanian kenyan korean lao laotian latvian lebanese libyan
    lithuanian malaysian mexican mongolian moroccan nepali nigerian norwegian pakistani
    palestinian peruvian filipino polish portuguese romanian saudi serbian singaporean
    slovak somali spanish sudanese swedish swiss syrian taiwanese thai turkish ugandan
    venezuelan vietnamese yemeni
"""
#: as written and as stemmed, as the matcher indexes them ("honduras" -> "hondura")
COUNTRIES = frozenset(form for word in _COUNTRY_WORDS.split() for form in (word, stem(word)))
