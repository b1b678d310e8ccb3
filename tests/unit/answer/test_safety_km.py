"""The Khmer safety detector: someone who found a suspected explosive, written in Khmer, gets
the safety advice; ordinary Khmer questions about mines and bombs do not."""

from __future__ import annotations

import pytest

from bot.answer.safety import reports_a_find, reports_a_find_km

FINDS = [
    "ថៃបាញ់គ្រាប់ចង្កោមចូលភូមិខ្ញុំ ខ្ញុំត្រូវធ្វើម៉េច?",  # fired into my village: what to do?
    "គួរធ្វើអ្វីពេលជួបគ្រាប់មិនទាន់ផ្ទុះ",  # what to do on coming across UXO
    "យាយខ្ញុំទុកគ្រាប់ចង្កោមចាស់មួយនៅក្នុងផ្ទះយូរហើយ វានៅគ្រោះថ្នាក់ទៀតទេ?",
    "ខ្ញុំបានរកឃើញគ្រាប់បែកនៅក្នុងស្រែ តើខ្ញុំគួរធ្វើអ្វី?",  # found a bomb in the rice field
    "កូនខ្ញុំរើសបានគ្រាប់បែកតូចមួយនៅក្បែរផ្ទះ",  # my child picked up a small bomb near the house
    "ខ្ញុំឃើញមីននៅក្នុងចម្ការ",  # I saw a mine in the plantation
    "ឪពុកខ្ញុំភ្ជួរស្រែឃើញគ្រាប់ផ្លោងចាស់មួយ",  # my father, ploughing, found an old shell
    "ខ្ញុំជីកដីឃើញវត្ថុដែកមួយ តើវាជាមីនទេ?",  # digging, found a metal object: a mine?
    "មានវត្ថុដែកចម្លែកនៅក្នុងស្រែរបស់ខ្ញុំ តើខ្ញុំអាចប៉ះវាបានទេ",  # strange metal; touch it?
    "តើខ្ញុំអាចលក់គ្រាប់បែកចាស់ជាអេតចាយបានទេ?",  # can I sell an old bomb as scrap?
    "អ្នកជិតខាងខ្ញុំរកឃើញគ្រាប់មិនទាន់ផ្ទុះ",  # my neighbour found unexploded ordnance
    "ខ្ញុំរកឃើញ UXO នៅក្រោយផ្ទះ ត្រូវហៅនរណា?",  # found UXO behind the house: whom to call?
    "ក្មេងៗបានរកឃើញគ្រាប់បែកដៃនៅសាលា",  # children found a grenade at school
    "តើខ្ញុំគួរបើកគ្រាប់ផ្លោងនេះមើលទេ?",  # should I open this shell?
    "ខ្ញុំមានគ្រាប់បែកចាស់មួយនៅផ្ទះ តើវានៅផ្ទុះទៀតទេ?",  # an old bomb at home: still live?
    "ពូខ្ញុំចង់យកគ្រាប់រ៉ុក្កែតដែលរកឃើញទៅលក់",  # my uncle wants to sell a rocket he found
    "ឃើញដែកច្រេះរាងមូលនៅវាលស្រែ តើគួរធ្វើអ្វី",  # saw round rusty metal in a field: what now
    "បើរកឃើញមីននៅក្នុងព្រៃ ត្រូវធ្វើដូចម្តេច?",  # if one finds a mine in the forest
    "ខ្ញុំដើរជាន់អ្វីមួយដូចជាមីន ជួយផង",  # I stepped on something like a mine, help
    "កសិករម្នាក់ជីកឃើញគ្រាប់បែកចង្កោមនៅក្នុងស្រែ",  # a farmer dug up a cluster bomb
    "យាយខ្ញុំទុកគ្រាប់ផ្លោងចាស់មួយនៅក្រោមផ្ទះ តើគ្រោះថ្នាក់ទេ?",  # grandma keeps a shell
    "តើអាចយកគ្រាប់បែកដែលរកឃើញទៅផ្ទះបានទេ?",  # can one take a found bomb home?
    "ខ្ញុំរកឃើញអ្វីមួយដែលមើលទៅដូចជាគ្រាប់បែក",  # found something that looks like a bomb
    "កូនប្រុសខ្ញុំចង់ដុតគ្រាប់ផ្លោងដែលគាត់រកឃើញ",  # my son wants to burn a shell he found
    "ខ្ញុំឃើញបំពង់ដែកចម្លែកនៅមាត់បឹង",  # a strange metal tube at the lake shore
    "មានមីននៅជិតផ្ទះខ្ញុំ",  # there is a mine near my house
    "ខ្ញុំរើសបានកូនគ្រាប់បែកចង្កោម តើអាចកាន់បានទេ",  # picked up a bomblet: can I hold it?
    "គាត់ទាត់គ្រាប់បែកមួយដែលកប់ក្នុងដី",  # he kicked a bomb buried in the ground
    "ខ្ញុំរកឃើញ mine នៅក្នុងស្រែ",  # mixed: found a mine in the field
    "តើគ្រាប់បែកដែលខ្ញុំរកឃើញនៅស្រែនោះនៅផ្ទុះទេ?",  # will the bomb I found still explode?
    "មានយុទ្ធភណ្ឌមិនទាន់ផ្ទុះនៅក្នុងដីរបស់យើង",  # unexploded ordnance on our land
    "ខ្ញុំចង់រុះរើគ្រាប់បែកចាស់ដើម្បីយកដែកលក់",  # dismantle an old bomb to sell the metal
    "ខ្ញុំ​រក​ឃើញ​គ្រាប់​បែក​នៅ​ក្នុង​ស្រែ",  # zero-width spaces between the words
    "found a bomb in my field ខ្ញុំគួរធ្វើអី",  # English and Khmer
    # pronouns dropped, a bare "round" (គ្រាប់), pushing, playing, informal spellings
    "ចៅខ្ញុំយកគ្រាប់ច្រេះមួយមកលេងនៅផ្ទះ",  # my grandchild brought a rusty round home to play
    "ភ្ជួរស្រែឃើញគ្រាប់ធំមួយ ធ្វើម៉េចទៅ?",  # ploughing, saw a big round: what now?
    "ជីកដីដាំដើមឈើ ប្រទះនឹងដុំដែកចម្លែក គួររាយការណ៍ទៅណា?",  # digging, a strange lump of metal
    "ម៉ែខ្ញុំរើសបានកូនគ្រាប់បែកចង្កោមនៅចិញ្ចើមផ្លូវ",  # my mum picked up a bomblet by the road
    "មានគ្រាប់ផ្លោងកប់ពាក់កណ្តាលនៅក្នុងសួនខ្ញុំ",  # a shell half buried in my garden
    "ក្មេងៗកំពុងលេងជាមួយ bombie មួយនៅវាលស្រែ",  # kids playing with a bombie in the field
    "ប្តីខ្ញុំចង់វាយគ្រាប់មិនទាន់ផ្ទុះដើម្បីយកស្ពាន់",  # husband wants to hit UXO for copper
    "ឃើញ UXO នៅមាត់អូរ រុញវាទៅឆ្ងាយបានទេ?",  # saw UXO by the stream: push it away?
    "ដីចម្ការថ្មីរបស់យើងមានគ្រាប់បែកចាស់ៗ ប៉ះបានទេ",  # old bombs on our new plot: touch them?
    "រើសបានគ្រាប់មួយធ្លាក់មិនផ្ទុះ ទុកក្នុងផ្ទះសិនបានអត់",  # picked up a dud: keep it at home?
    # a find told with no one in it and no question: pulled up a strange metal thing
    "ទាញសំណាញ់ឡើងមកជាប់វត្ថុដែកចម្លែកមួយ នៅក្នុងបឹង",  # net pulled up a strange metal thing
    # after s1-safety, in our own words: strange metal with fins in the field (should I pull it
    # out?); a green object half buried by a skull sign (can I go closer?); a find told first
    "ឃើញដែកប្លែកមានស្លាបនៅក្នុងវាល គួរទាញវាចេញទេ?",
    "ឃើញផ្លាកសញ្ញាក្បាលលលាដ៍ ហើយមានវត្ថុពណ៌ខ្មៅកប់ក្នុងដី ចូលទៅជិតបានទេ?",
    "រកឃើញគ្រាប់បែកនៅមាត់ស្រះ រូបខាងក្រោម",
    # stepped on something that clicked, or something hard under the ground: nothing named
    "ខ្ញុំដើរក្នុងចម្ការ ជាន់លើអ្វីម្យ៉ាង ហើយឮសំឡេងក្រឹក តើត្រូវលើកជើងទេ?",
    "ប្អូនខ្ញុំជាន់អ្វីមួយរឹងនៅក្រោមដី មិនហ៊ានកម្រើកទេ",
    "ជាន់ចំអ្វីម្យ៉ាង លាន់សូរក្លិក គួរធ្វើអ្វី?",
]

NOT_FINDS = [
    "ខ្ញុំបើករ៉ឺម៉ក ភ្ញៀវសួរពីមីននៅកម្ពុជា",  # I drive a tuk-tuk; a guest asked about mines
    # my mother lives in a village by the border: did Thailand fire cluster munitions into
    # Cambodia? (news of an attack; with "what should I do?" it would be advice)
    "ម្តាយខ្ញុំនៅភូមិជិតព្រំដែន។ ថៃបាញ់គ្រាប់ចង្កោមចូលស្រុកខ្មែរមែនទេ?",
    # a village chief asking about the record is not reporting a find
    "ខ្ញុំជាមេភូមិ តើមីននៅសល់ប៉ុន្មាននៅកម្ពុជា?",
    "ពូខ្ញុំធ្លាប់ឃើញយន្តហោះទម្លាក់គ្រាប់បែក តើអាមេរិកទម្លាក់ពីឆ្នាំណា?",
    "គោលដៅកម្ពុជាគ្មានមីននៅតែឆ្នាំ២០៣០ទេ? ភូមិខ្ញុំចង់ដឹង",
    "តើកម្ពុជាបានបោសសម្អាតមីនប៉ុន្មានហើយ?",  # how many mines has Cambodia cleared
    "តើអនុសញ្ញានេះហាមឃាត់មីនឬទេ?",  # does the convention ban mines
    "តើគ្រាប់បែកចង្កោមជាអ្វី?",  # what is a cluster bomb
    "ហេតុអ្វីបានជាគ្រាប់បែកចង្កោមគ្រោះថ្នាក់?",  # why are cluster bombs dangerous
    "តើមានមនុស្សប៉ុន្មាននាក់ដែលរងការប៉ះពាល់ដោយមីន?",  # how many people are affected
    "ខ្ញុំចង់ដឹងថាតើមីនប៉ះពាល់ដល់កសិករយ៉ាងដូចម្តេច",  # how do mines affect farmers
    "តើ ហ៊ុន សែន មានយល់ឃើញយ៉ាងណាចំពោះគ្រាប់បែកចង្កោម?",  # Hun Sen's view of cluster bombs
    "ហេតុអ្វីអាមេរិកផ្ញើគ្រាប់ផ្លោងចង្កោមទៅអ៊ុយក្រែន?",  # why did the US send cluster shells
    "តើ CMAC រកឃើញគ្រាប់បែកប៉ុន្មានគ្រាប់ចាប់តាំងពីឆ្នាំ1992?",  # how many bombs CMAC found
    "តើខ្សែក្រវាត់មីន K5 នៅឯណា?",  # where is the K5 mine belt
    "មីននៅកម្ពុជាមកពីណា?",  # where do Cambodia's mines come from
    "តើរុស្ស៊ីបានប្រើគ្រាប់បែកចង្កោមនៅអ៊ុយក្រែនទេ?",  # has Russia used cluster bombs
    "ខ្ញុំចង់ដឹងពីប្រវត្តិមីននៅកម្ពុជា",  # the history of mines in Cambodia
    "តើកម្ពុជានឹងគ្មានមីននៅពេលណា?",  # when will Cambodia be mine-free
    "សម្ព័ន្ធមិត្តអាមេរិកគួរធ្វើអ្វីចំពោះគ្រាប់បែកចង្កោម?",  # what should US allies do
    "តើ CCM តម្រូវឱ្យរដ្ឋភាគីបំផ្លាញស្តុកគ្រាប់បែកចង្កោមទេ?",  # stockpile destruction
    "ថៃបានវាយប្រហារដោយគ្រាប់បែកចង្កោមនៅព្រំដែន",  # Thailand attacked with cluster bombs
    "ហេតុអ្វីបានជាមានមីននៅក្នុងព្រៃច្រើនម្ល៉េះ",  # why are there so many mines in forests
    "អ្នកដោះមីនធ្វើការយ៉ាងដូចម្តេច",  # how do deminers work
    "ខែមីនា ឆ្នាំ2025 មានអ្វីកើតឡើង",  # what happened in March 2025
    "កូនគ្រាប់បែកចង្កោមមិនផ្ទុះប៉ុន្មានភាគរយ",  # what share of bomblets fail
    "ខ្ញុំជាសិស្ស ខ្ញុំកំពុងសរសេរអត្ថបទអំពីគ្រាប់បែកចង្កោម",  # a student writing an essay
    "តើក្រុមគ្រួសារជនរងគ្រោះដោយមីនទទួលបានជំនួយអ្វីខ្លះ",  # help for victims' families
    "តើកម្ពុជាមានគ្រាប់បែកចង្កោមស្តុកទុកទេ?",  # does Cambodia stockpile cluster bombs
    "ហ៊ុន សែន ជានរណា?",  # who is Hun Sen
    "តើកម្ពុជាជាភាគីនៃអនុសញ្ញាស្ដីពីអាវុធចង្កោមឬទេ?",  # is Cambodia in the CCM
    "ខ្ញុំចូលចិត្តញ៉ាំបាយនៅផ្ទះ",  # I like eating at home (a place, no thing)
    # words inside other words (ប្រើ "use" holds រើ "move"), statistics, driving, the news
    "តើកម្ពុជារកឃើញមីនភាគច្រើននៅខេត្តណាខ្លះ?",  # where were most mines found
    "ខ្ញុំបើកឡានទៅបាត់ដំបងរាល់សប្តាហ៍ តើនៅទីនោះនៅមានមីនច្រើនទេ?",  # a driver: many mines?
    "ខ្ញុំឃើញវីដេអូអំពីគ្រាប់បែកចង្កោមនៅអ៊ុយក្រែន",  # I saw a video about cluster bombs
    "តើប្រទេសណាខ្លះនៅតែប្រើគ្រាប់បែកចង្កោម?",  # which countries still use cluster bombs
    "CCM ហាមការរក្សាទុកគ្រាប់បែកចង្កោមដែរឬទេ?",  # does the CCM ban retaining them
    "អនុសញ្ញាហាមគ្រាប់បែកចង្កោមបើកឲ្យចុះហត្ថលេខាពេលណា?",  # when did it open for signature
    "កសិករជាច្រើនរងរបួសដោយមីននៅក្នុងស្រែ តើរដ្ឋាភិបាលជួយពួកគេយ៉ាងដូចម្តេច?",  # victims' aid
    "ហេតុអ្វីបានជាខេត្តភាគខាងលិចមានមីនច្រើនជាងខាងកើត?",  # why more mines in the west
    "ប្អូនធ្វើការនៅស្ទឹងត្រែង ឮថាតំបន់នោះមានគ្រាប់បែកច្រើនបំផុត មែនទេ?",  # heard: most bombs?
    "តើអ្នកដោះមីនប្រើឧបករណ៍អ្វីដើម្បីរកមីន?",  # what do deminers use to find mines
    "តើ CMAC ធ្វើអ្វីខ្លះដើម្បីបោសសម្អាតមីន?",  # what does CMAC do to clear mines
    "ខ្ញុំចង់ដឹងថាហេតុអ្វីគ្រាប់បែកចង្កោមអាចផ្ទុះក្រោយរាប់ឆ្នាំ",  # why they explode years later
    "ប្រទេសជាច្រើនបានបំផ្លាញស្តុកគ្រាប់បែកចង្កោមរបស់ខ្លួន",  # many states destroyed stockpiles
    "ក្នុងខែមីនា ខ្ញុំទៅលេងផ្ទះយាយនៅភូមិ",  # in March I visited grandma's village
    "ខ្ញុំនឹងទៅលេងប៉ៃលិន តើនៅទីនោះនៅមានមីនទេ?",  # visiting Pailin: still mines there?
    # a memory, then a question about the record: when I was young my uncle stepped on a mine;
    # how many people have died from mines since 1979?
    "កាលខ្ញុំនៅក្មេង ពូខ្ញុំជាន់មីន។ ពីឆ្នាំ១៩៧៩ មក មានមនុស្សស្លាប់ដោយមីនប៉ុន្មាននាក់?",
    # a tale told by a father (our field used to be full of mines), then: cleared yet?
    "ពុកខ្ញុំធ្លាប់និទានថាស្រែយើងពីដើមមានមីនពេញ តើឥឡូវគេដោះមីនរួចហើយឬនៅ?",
    # saw a gathering about mines (a meeting, a conference held by someone): a topic
    "ខែមុនខ្ញុំឃើញកិច្ចប្រជុំមួយស្តីពីគ្រាប់បែកចង្កោមនៅភ្នំពេញ តើគេប្រជុំរឿងអ្វី?",
    "ខ្ញុំឃើញគេបើកសន្និសីទអន្តរជាតិស្តីពីមីន តើប្រទេសណាខ្លះចូលរួម?",
    # read (អានឃើញ) is not seeing a thing
    "ខ្ញុំអានឃើញថាគ្រាប់បែកចង្កោមខ្លះមិនផ្ទុះ តើពិតទេ?",
    # what an organisation or its deminers found is the record, even asked for someone
    "មិត្តខ្ញុំសួរថា HALO បានរកឃើញគ្រាប់បែកប៉ុន្មានគ្រាប់នៅខេត្តនោះ",
    "ស៊ីម៉ាក់រកឃើញមីនច្រើនជាងគេនៅខេត្តណា? ភ្ញៀវខ្ញុំចង់ដឹង",
    "អ្នកដោះមីនរកឃើញគ្រាប់ផ្លោងនៅជិតសាលារៀនខ្ញុំឆ្នាំមុន តើឆ្នាំនេះគេរកឃើញប៉ុន្មានទៀត?",
    # ជាន់ is also a floor: the third floor and a sound heard is no step on anything
    "ខ្ញុំនៅជាន់ទីបី ឮសំឡេងគ្រាប់បែកពីចម្ងាយក្នុងកុន",
]


@pytest.mark.parametrize("text", FINDS)
def test_khmer_finds_are_recognised(text: str) -> None:
    assert reports_a_find(text)


@pytest.mark.parametrize("text", NOT_FINDS)
def test_ordinary_khmer_questions_about_mines_are_not_finds(text: str) -> None:
    assert not reports_a_find_km(text)
    assert not reports_a_find(text)
