"""Word cues the signal detector reads (English, and frustration in the phrase bank's other languages)."""

from __future__ import annotations

import re

FRUSTRATION = re.compile(
    r"\b(angry|furious|unacceptable|ridiculous|terrible|awful|worst|fed up|frustrat\w*|outrage\w*|"
    r"disappoint\w*|annoy\w*|still (?:not|no|doesn't|isn't|waiting)|useless|nobody (?:has|helps)|"
    # "fix it" said as an order ("... right now. fix it", "just fix it"), not asked ("can you fix it?").
    r"(?:just|please) fix it|fix it (?:already|now|asap)|(?<!\w )(?<!\w)fix it(?!\s*\?)|"
    r"third time|second time|sick of|had enough|joke|upset|unhappy|not happy|livid|appalled|disgusted|"
    r"devastated|heartbroken|gutted)\b",
    re.IGNORECASE,
)
# Frustration in the other languages of the phrase bank: the sentiment lexicon is English and reads
# their words as English ones (German "die" as dying), so in those languages only these words count.
FRUSTRATION_ABROAD = re.compile(
    r"\b(ärgerlich|frechheit|unverschämt|enttäuscht|verärgert|wütend|inakzeptabel|immer noch nicht|"
    r"zum (?:zweiten|dritten) mal|inadmissible|inacceptable|furieu(?:x|se)|déçue?|énervée?|ras le bol|"
    r"toujours pas|honteux|scandaleux|inaceptable|indignante|furios[oa]|hart[oa]|decepcionad[oa]|"
    r"todavía no|sigue sin|vergüenza|inaccettabile|vergogna|arrabbiat[oa]|delus[oa]|ancora non|"
    r"inaceitável|absurdo|irritad[oa]|ainda não|belachelijk|onacceptabel|boos|teleurgesteld|"
    r"nog steeds niet)\b",
    re.IGNORECASE,
)
# Thanks in the languages of the phrase bank: exclamation marks beside them are warmth
# ("gracias!!"), which the English sentiment lexicon cannot tell in another language.
THANKS = re.compile(
    r"\b(thanks?|thank you|thx|cheers|gracias|merci|danke|vielen dank|obrigad[oa]|grazie|bedankt|"
    r"dank (?:je|u)(?:wel)?)\b",
    re.IGNORECASE,
)
# Praise words next to a complaint: "oh great, it broke again", "just what I wanted".
SARCASM = re.compile(
    r"\b(oh (?:great|wonderful|perfect|fantastic|brilliant|joy)|just what i (?:wanted|needed)|"
    r"^(?:great|fantastic|wonderful|perfect|brilliant|lovely|awesome|amazing),(?![^.!?]*\bthank)"
    r"(?=[^.!?]*\b(?:broke\w*|broken|stopp?\w*|flicker\w*|dead|died|fail\w*)\b)|"
    r"(?:great|top|excellent|amazing) quality|(?:really|so|totally|well) worth the money|love paying|"
    r"thanks a lot|thanks for nothing|amazing service|great service|great job|fantastic job|well done|"
    r"love (?:how|that) (?:it|you)\w* (?:\w+ ){0,3}(?:broke|fail|stop|crash|not))",
    re.IGNORECASE,
)
# Praise only reads as sarcasm when the message also reports trouble.
TROUBLE = re.compile(
    r"\b(broke\w*|broken|fail\w*|crash\w*|stopp?\w*|not work\w*|doesn't work|isn't working|still|again|"
    r"never|no (?:reply|answer|response)|waiting|late|missing|damaged|lost|another|weeks?|nothing|"
    r"flicker\w*|faulty|defective|dead|died|disconnect\w*)\b",
    re.IGNORECASE,
)
# Something still wrong that the customer needs fixed, not just an experience to tell us about.
NOT_WORKING = re.compile(
    r"\b(still|(?:does|is|are|do|did)n't work\w*|not work\w*|broke\w*|broken|stopp?\w*|fail\w*|won't|can't|"
    r"cannot|faulty|defective|dead|missing|damaged)\b",
    re.IGNORECASE,
)
# Words that soften a complaint.
MITIGATION = re.compile(
    r"\b(a (?:bit|little|tad)|slightly|somewhat|not (?:the end of the world|a big deal)|no big deal|minor)\b",
    re.IGNORECASE,
)
ALWAYS_SARCASTIC = re.compile(r"\b(thanks for nothing|just what i (?:wanted|needed))\b", re.IGNORECASE)
# Time pressure in so many words: urgent whatever the sentence.
URGENCY = re.compile(
    r"\b(urgent\w*|asap|immediately|right (?:away|now)|time[- ]sensitive|emergency)\b", re.IGNORECASE
)
# A deadline or an occasion: urgent when the customer needs something by then ("I need it by
# Friday"), not in a question about what is possible ("would it arrive by Friday?", "can I still
# return it within 30 days?").
DEADLINE = re.compile(
    r"\b(deadline|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|today|tomorrow|noon|"
    r"the weekend|(?:the )?end of (?:the )?(?:day|week))|"
    r"within (?:\d+|an?|one|two) (?:hours?|days?)|"
    r"for (?:an|the|my) (?:event|party|trip|wedding|flight)|"
    # "the party is tomorrow": something happens soon ("Is tomorrow a holiday?" has no subject).
    r"(?<=\w )(?:is|are|starts?|begins?) (?:today|tonight|tomorrow))\b",
    re.IGNORECASE,
)
NEED = re.compile(r"\b(?:need\w*|must|have to|has to|got to|require\w*)\b", re.IGNORECASE)
# "today" is urgent when something is needed by then, not in "I bought it today".
WHEN_NEEDED = re.compile(
    r"\b(?:need\w*|must|have to|has to|tell me|let me know|could you|can you|please|before|until|"
    r"arrive|deliver\w*|ship\w*|leave|leaving)\b(?:\W+\w+){0,4}?\W+(today|tonight|tomorrow)\b",
    re.IGNORECASE,
)
# The customer says they have been in touch before, not only that the trouble goes on ("still not
# here", "flickering again").
CONTACTED_BEFORE = re.compile(
    r"\b(third time|second time|already (?:wrote|called|contacted|asked|told|emailed|reported)|"
    r"(?:wrote|called|contacted|emailed|messaged|asked|told) (?:you |us )?"
    r"(?:before|last week|yesterday|again)|"
    r"(?:writing|contacting|emailing|messaging) (?:you |us )?again|(?:you|your colleague|your agent|someone) "
    r"(?:said|told me|promised))\b",
    re.IGNORECASE,
)
REPEAT_CUES = re.compile(
    r"\b(third time|second time|again|already (?:wrote|called|contacted|asked|told)|"
    r"(?:wrote|called|contacted) (?:you )?(?:before|last week|yesterday)|still (?:not|no|waiting|doesn't))\b",
    re.IGNORECASE,
)
CONFUSION = re.compile(
    r"\b(confus\w*|don't understand|do not understand|not good with (?:tech|computers|phones)|"
    r"not sure (?:how|what|where)|lost|no idea how)\b",
    re.IGNORECASE,
)
# Knowledge that says no: the reply must carry news the customer won't like.
BAD_NEWS = re.compile(
    r"\b(cannot be (?:returned|refunded|exchanged|changed|cancel\w*)|can(?:no|')t be (?:returned|refunded)|"
    r"(?:is|are) not (?:covered|refundable|allowed|possible|available|provided|offered)|"
    r"do(?:es)? not (?:cover|refund|allow|accept|offer|provide|ship)|we cannot|no refunds?|not eligible|"
    r"non-refundable)\b",
    re.IGNORECASE,
)
RETURN_ASK = re.compile(
    r"\b(return|refund|(?:send|sent|sending) (?:it |them )?back|money back|devolver|devoluci\w+|reembolso)\b",
    re.IGNORECASE,
)
# Money back for a lower price, not for sending the item back: "can you refund me the difference?".
PRICE_DIFFERENCE = re.compile(r"\b(?:the|a|any) (?:price )?difference\b|\bprice (?:match|drop|adjust\w*)\b",
                              re.IGNORECASE)
HIGH_TIERS = frozenset({"gold", "platinum", "vip", "premium", "business", "enterprise", "diamond"})
# A device that burns, smokes, sparks, melts or shocks: the reply opens with what keeps the customer
# safe. English and the other languages the phrase bank speaks (es, fr, de, it, pt). A bulb or a
# fuse that "burnt out" (bruciata, queimada) is not a fire: only the smell of burning counts there.
HAZARD = re.compile(
    r"\b(burn(?:ing|t|ed)?(?:\s+\w+){0,2}\s+smell|smell\w*\s+(?:of\s+|like\s+)?(?:burn\w*|smoke|melt\w*)|"
    r"burn(?:ing|t) plastic|(?:very|really|so|super|extremely|too) hot (?:when|if) (?:i|you) (?:touch|hold)|"
    r"smok(?:e|es|ing)|sparks?|sparking|on fire|caught fire|fire hazard|flames?|melt(?:ed|ing)|scorch\w*|"
    r"overheat\w*|too hot to (?:touch|hold)|hot to the touch|(?:electric(?:al)? )?shocks?|shocked me|"
    r"sizzl\w*|"
    r"humo|echa(?:ndo)? chispas|chispas|huele a quemado|quemad[oa]|se (?:recalienta|quema)|fuego|"
    r"fum[ée]e|[ée]tincelles?|odeur de br[ûu]l[ée]|br[ûu]l[ée]|surchauffe|"
    r"rauch\w*|funken|verbrannt|brandgeruch|schmort|[üu]berhitzt|feuer|"
    r"fumo|scintill\w*|(?:odore|puzza|sa) di bruciato|surriscald\w*|(?:prende|preso|prendendo) fuoco|"
    r"fiamm[ae]|scossa elettrica|(?:d[àa]|prende|preso|presa) (?:la )?scossa|"
    r"fuma[çc]a|fa[íi]sc\w*|cheiro (?:de|a) queimado|superaquec\w*|sobreaquec\w*|(?:pegou|pegando|pega) fogo|"
    r"em chamas|choque el[ée]trico|(?:deu|d[áa]|dando|levei|tomei) (?:um )?choque)\b",
    re.IGNORECASE,
)
# "Could it overheat if I leave it on?" asks about a risk; it reports none.
HYPOTHETICAL = re.compile(
    r"^\W*(?:(?:and|but|so|also)\W+)?(?:could|can|will|would|might|may|does|do|is it safe|what if|"
    r"what happens if|how (?:hot|warm))\b",
    re.IGNORECASE,
)
