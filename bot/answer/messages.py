"""The bot's own sentences in Khmer (and the notices it gives in both languages), shared by
every adapter so that the terminal, `ask --json` and Discord say the same thing.

Like the Khmer in the knowledge base, these were written without a native speaker's review;
the notice that says so is itself one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

#: the footer line under a Khmer answer whose entry has `km.reviewed: false`
UNREVIEWED_EN = "Khmer text not yet reviewed by a native speaker."
UNREVIEWED_KM = "អត្ថបទខ្មែរនេះ មិនទាន់ត្រូវបានពិនិត្យដោយអ្នកនិយាយភាសាខ្មែរពីកំណើតនៅឡើយទេ។"
#: a Khmer question answered by an entry that has no Khmer text yet
ENGLISH_ONLY_KM = "ចម្លើយនេះមានតែជាភាសាអង់គ្លេសនៅឡើយ។"
SOURCES_KM = "ប្រភព"
DECLINE_KM = "សូមអភ័យទោស ខ្ញុំមិនមានចម្លើយចំពោះសំណួរនេះនៅក្នុងមូលដ្ឋានចំណេះដឹងរបស់ខ្ញុំទេ។"
CLOSEST_KM = "សំណួរដែលជិតបំផុតដែលខ្ញុំអាចឆ្លើយបាន៖"
CLARIFY_KM = "ខ្ញុំមិនប្រាកដថាអ្នកចង់សួរមួយណាទេ។ តើអ្នកចង់សួរ៖"
PICK_KM = "វាយលេខដើម្បីជ្រើសរើស ឬសួរម្តងទៀតដោយប្រើពាក្យផ្សេង។"
BROWSE_KM = "វាយ 'topics' ដើម្បីមើលអ្វីៗទាំងអស់ដែលខ្ញុំដឹង។"
NO_KHMER_EN = "I can't answer in Khmer yet: please ask in English."
NO_KHMER_KM = "ខ្ញុំមិនទាន់អាចឆ្លើយជាភាសាខ្មែរបាននៅឡើយទេ។ សូមសួរជាភាសាអង់គ្លេស។"
INSTRUCTIONS_KM = (
    "ខ្ញុំឆ្លើយតែពីមូលដ្ឋានចំណេះដឹងដែលមានប្រភពរបស់ខ្ញុំ ដោយពាក្យរបស់ខ្ញុំផ្ទាល់ប៉ុណ្ណោះ៖ "
    "ខ្ញុំមិនដើរតួជានរណាម្នាក់ ឬផ្លាស់ប្តូរច្បាប់របស់ខ្ញុំទេ។"
)
#: the reply to a request for the bot's own opinion, before the nearest questions
OPINION_EN = (
    "I don't give opinions of my own: I report sourced facts and what people on record said."
)
OPINION_KM = "ខ្ញុំមិនផ្តល់មតិផ្ទាល់ខ្លួនទេ៖ ខ្ញុំរាយការណ៍តែការពិតដែលមានប្រភព និងអ្វីដែលបុគ្គលនានាបាននិយាយជាផ្លូវការ។"
#: the note beside an attributed answer ("Position of Hun Sen")
POSITION_KM = "ជំហររបស់ {who}"
POSITION_NOTE_KM = "អ្វីដែលបុគ្គល ឬស្ថាប័ននេះបាននិយាយ មិនមែនជាទស្សនៈរបស់បូតទេ។"
#: the reply to a message in another language: once in English, once in Khmer
LANGUAGES_EN = "I answer in English and Khmer only. Ask me in either about these topics:"
LANGUAGES_KM = "ខ្ញុំឆ្លើយតែជាភាសាអង់គ្លេស និងភាសាខ្មែរប៉ុណ្ណោះ។ សូមសួរខ្ញុំជាភាសាណាមួយ អំពីប្រធានបទទាំងនេះ៖"
#: one line of safety advice the languages notice always carries, in both languages: a message
#: in another language may be from someone who found a suspected explosive, and the engine
#: cannot read it well enough to tell (the words are those of knowledge/safety.yaml)
SAFETY_LINE_EN = (
    "If you found a possible mine or bomb: do not touch it, keep everyone away, "
    "and report it to the police or CMAC."
)
SAFETY_LINE_KM = (
    "បើអ្នកឃើញវត្ថុដែលអាចជាមីន ឬគ្រាប់បែក៖ កុំប៉ះវា ឲ្យអ្នកដទៃនៅឆ្ងាយ "
    "ហើយរាយការណ៍ទៅប៉ូលិស ឬ CMAC ។"
)
#: what /about and the banner say
LANGUAGES_LINE = "English, ខ្មែរ (Khmer)"


def languages_notice(topics: Iterable[str]) -> str:
    """The one short reply to a message in neither English nor Khmer, with the topics, and
    always a line of safety advice in both languages (nobody with a find goes without it).

    >>> print(languages_notice(["Cambodia", "Safety"]).splitlines()[2])
    Cambodia · Safety
    >>> SAFETY_LINE_EN in languages_notice([]) and SAFETY_LINE_KM in languages_notice([])
    True
    """
    return (
        f"{LANGUAGES_EN}\n{LANGUAGES_KM}\n{' · '.join(topics)}\n"
        f"{SAFETY_LINE_EN}\n{SAFETY_LINE_KM}"
    )


def unreviewed_footer() -> str:
    """The footer line under unreviewed Khmer text, in Khmer and in English."""
    return f"{UNREVIEWED_KM} {UNREVIEWED_EN}"
