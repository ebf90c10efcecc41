"""The compact specification tools/build_lexicon.py expands into the bundled lexicon.

One line per (file, CAMEO code, V|N, lemmas, frame), fields separated by '|;'. Verb frames:
obj, a preposition (with, to, against, on, ...), obj|P, CLASS>P or CLASS>obj (an object
class of 00-classes.yaml is required), prt:PRT>obj (particle verbs), intr, dat:CLASS,
with:CLASS. Noun frames: light verbs '>' preposition ("hold,conduct>with"), or '-' for a
possessor frame ("X's visit to Y began"). Optional: ex=template ({A} source, {B} target,
{Bd} target demonym, {V} the verb form, {O} object phrase, {N} the noun, {W} a time), det=,
obj=CLASS.
"""

SPEC = r"""
# ---------------------------------------------------------------- 02 appeal
10-cooperation |; 020 |; V |; urge,exhort,implore,beseech,entreat,beg/begged |; obj |; ex={A} {V} {B} to show restraint {W}.
10-cooperation |; 020 |; V |; press,lobby,pressure,nudge/nudged,prod |; obj |; ex={A} {V} {B} to accept the plan {W}.
10-cooperation |; 020 |; V |; ask,request,petition,invite,encourage,challenge |; obj |; ex={A} {V} {B} to join the talks {W}.
10-cooperation |; 020 |; V |; appeal,plead |; to |; ex={A} {V} to {B} to end the violence {W}.
10-cooperation |; 020 |; V |; plead |; with |; ex={A} {V} with {B} to reopen the border {W}.
10-cooperation |; 020 |; V |; call |; on |; ex={A} {V} on {B} to release the detainees {W}.
10-cooperation |; 020 |; V |; call |; upon |; ex={A} {V} upon {B} to show restraint {W}.
10-cooperation |; 0256 |; V |; call |; for |; who=state |; ex=The {Ad} foreign minister {V} for an end to the fighting in {B} {W}.
10-cooperation |; 020 |; N |; appeal,plea,call,request,petition |; make,issue,launch,send,renew,repeat>to
10-cooperation |; 020 |; N |; appeal,plea,call |; issue,make,renew>for |; ex={A} issued an {N} for restraint from {B} {W}.
10-cooperation |; 0233 |; V |; appeal |; for |; ex={A} {V} for humanitarian aid for {B} {W}.
10-cooperation |; 026 |; V |; urge |; talks>obj |; ex={A} {V} {B} to return to talks {W}.
# ---------------------------------------------------------------- 03 intent (claims by design)
10-cooperation |; 033 |; V |; pledge,promise,offer,vow/vowed |; humanitarian>to |; ex={A} {V} {O} to {B} {W}.
10-cooperation |; 0331 |; V |; pledge,promise,offer |; economic>to |; ex={A} {V} {O} to {B} {W}.
10-cooperation |; 0332 |; V |; pledge,promise,offer |; military>to |; ex={A} {V} {O} to {B} {W}.
10-cooperation |; 030 |; V |; pledge,promise,vow/vowed |; obj |; ex={A} {V} closer cooperation with {B} {W}.
10-cooperation |; 036 |; N |; offer,proposal,invitation |; make,extend,issue,send>to |; ex={A} {V} an {N} of talks to {B} {W}.
10-cooperation |; 036 |; V |; propose |; obj |; ex={A} {V} talks with {B} {W}.
# ---------------------------------------------------------------- 04 consult
10-cooperation |; 042 |; V |; visit,tour |; obj |; who=official |; ex=The {Ad} foreign minister {V} {B} {W}.
10-cooperation |; 042 |; V |; travel,fly/flew,go/went,head,journey,return,come/came,jet,rush |; to |; who=official |; ex=The {Ad} foreign minister {V} to {B} {W}.
10-cooperation |; 042 |; V |; arrive,land |; in |; who=official |; ex=The {Ad} foreign minister {V} in {B} {W}.
10-cooperation |; 042 |; V |; arrive |; at |; ex={A} {V} at the airport in {B} {W}.
10-cooperation |; 042 |; N |; visit,trip,tour,mission |; make,pay,begin,start,undertake,conclude,end,complete>to
10-cooperation |; 042 |; N |; visit,trip,tour |; ->to |; who=official |; ex=The {Ad} president's {N} to {B} began {W}.
10-cooperation |; 042 |; N |; arrival |; ->in
10-cooperation |; 043 |; V |; host,welcome,receive/received |; obj |; who=state |; ex=The {Ad} government {V} the president of {B} {W}.
10-cooperation |; 043 |; V |; welcome,receive/received |; obj |; ex={A} {V} the {Bd} prime minister {W}.
10-cooperation |; 043 |; V |; host |; obj |; ex={A} {V} {Bd} leaders for a summit {W}.
10-cooperation |; 045 |; V |; host |; talks>between |; ex={A} {V} talks between {B} and Armenia {W}.
10-cooperation |; 043 |; V |; host |; talks>with |; ex={A} {V} talks with {B} {W}.
10-cooperation |; 040 |; V |; meet/met,confer,consult,talk,parley,huddle |; with
10-cooperation |; 040 |; V |; meet/met,consult,brief |; obj
10-cooperation |; 040 |; V |; discuss,debate |; with |; ex={A} {V} trade and security with {B} {W}.
10-cooperation |; 040 |; V |; attend |; talks>obj |; who=state |; ex=The {Ad} foreign minister attended the summit in {B} {W}.
10-cooperation |; 040 |; V |; convene |; talks>obj |; ex={A} {V} a meeting with {B} {W}.
10-cooperation |; 041 |; V |; phone,telephone |; obj |; ex={A} {V} the president of {B} {W}.
10-cooperation |; 041 |; V |; speak/spoke |; with |; ex={A} {V} by phone with {B} {W}.
10-cooperation |; 041 |; V |; speak/spoke,talk |; to |; who=official |; ex=The {Ad} president {V} by telephone to the leader of {B} {W}.
10-cooperation |; 041 |; N |; call,conversation,phone call/phone call,telephone call/telephone call,videoconference |; hold,make,have>with
10-cooperation |; 040 |; N |; talks,meeting,consultations,discussions,summit,dialogue,conversation,encounter,session |; hold,have,conduct,attend,begin,start,resume,continue,open,join,convene,host>with |; det=
10-cooperation |; 040 |; N |; talks,meeting,consultations,discussions,summit,dialogue |; hold,have,attend,begin,resume,open,host>between |; det=
10-cooperation |; 040 |; N |; talks,meeting,summit,consultations,encounter |; ->between |; det=
10-cooperation |; 040 |; N |; talks,meeting,summit,consultations |; ->with |; det=
10-cooperation |; 040 |; N |; talks,summit,meeting |; take,participate,engage>in |; ex={A} took part in {N} in {B} {W}.
10-cooperation |; 046 |; V |; negotiate,bargain,haggle |; with
10-cooperation |; 046 |; V |; negotiate |; agreement>with |; ex={A} {V} a trade deal with {B} {W}.
10-cooperation |; 046 |; N |; negotiations,bargaining,negotiation,round |; hold,conduct,begin,start,resume,open,enter,continue>with |; det=
10-cooperation |; 046 |; N |; negotiations |; ->between |; det=
10-cooperation |; 046 |; N |; negotiations |; ->with |; det=
10-cooperation |; 045 |; V |; mediate,broker,facilitate,arbitrate |; obj |; ex={A} {V} talks between {B} and Ethiopia {W}.
10-cooperation |; 045 |; V |; mediate,arbitrate,intercede,intervene |; between |; ex={A} {V} between {B} and Sudan {W}.
10-cooperation |; 045 |; V |; broker,mediate,facilitate |; agreement>between |; ex={A} {V} a deal between {B} and Chad {W}.
10-cooperation |; 045 |; N |; mediation |; offer,lead,conduct,provide>between |; det=-
10-cooperation |; 045 |; N |; mediation |; ->between |; det=
10-cooperation |; 044 |; V |; meet/met |; in |; ex={A} and {B} {V} in Geneva {W}.
# ---------------------------------------------------------------- 05 diplomatic cooperation
10-cooperation |; 051 |; V |; praise,hail,laud,commend,applaud,salute,lionise,lionize,extol,thank,congratulate |; obj
10-cooperation |; 051 |; V |; welcome |; proposal>obj |; ex={A} {V} {Bd} decision to free the prisoners {W}.
10-cooperation |; 051 |; V |; endorse,back,support,champion |; obj |; ex={A} {V} {B} in the dispute {W}.
10-cooperation |; 051 |; N |; praise,support,backing,endorsement,congratulations,gratitude |; express,voice,offer,extend,give,convey>for |; det=-
10-cooperation |; 051 |; N |; praise,support,backing,endorsement,congratulations |; express,voice,offer,extend,give,convey>to |; det=-
10-cooperation |; 052 |; V |; defend |; obj |; ex={A} {V} {B} against the criticism {W}.
10-cooperation |; 053 |; V |; rally,drum,mobilise,mobilize,galvanise,galvanize |; support>obj |; ex={A} {V} support for {B} {W}.
10-cooperation |; 054 |; V |; recognise,recognize |; obj |; ex={A} {V} {B} as an independent state {W}.
10-cooperation |; 054 |; N |; recognition |; grant,extend,give,announce>to |; det=-
10-cooperation |; 055 |; V |; apologise,apologize |; to
10-cooperation |; 055 |; N |; apology |; issue,make,offer,deliver>to
10-cooperation |; 056 |; V |; forgive/forgave,pardon,absolve |; obj |; ex={A} {V} {B} for the incident {W}.
10-cooperation |; 057 |; V |; sign,ink,conclude,seal,clinch,finalise,finalize,initial,agree,reach,strike/struck,forge,ratify,approve,adopt,renew,extend,complete |; agreement>with |; ex={A} {V} {O} with {B} {W}.
10-cooperation |; 057 |; V |; sign,ink,conclude,seal,clinch,reach,finalise,finalize,strike/struck |; agreement>obj |; ex={A} and {B} {V} {O} {W}.
10-cooperation |; 057 |; V |; ratify,approve |; agreement>obj |; ex={A} {V} the treaty with {B} {W}.
10-cooperation |; 057 |; N |; agreement,deal,accord,treaty,pact,memorandum,declaration,partnership |; sign,ink,conclude,seal,clinch,reach,strike,finalise,finalize,forge,ratify>with
10-cooperation |; 057 |; N |; agreement,deal,accord,treaty,pact |; sign,ink,conclude,seal,clinch,reach,strike,forge>between
10-cooperation |; 057 |; N |; agreement,deal,accord,treaty,pact |; ->between |; ex=The {N} between {Aname} and {B} took effect {W}.
10-cooperation |; 057 |; N |; agreement,deal,accord,treaty,pact |; ->with |; ex={Aname}'s {N} with {B} took effect {W}.
10-cooperation |; 057 |; N |; agreement,deal,accord,treaty,pact,memorandum,declaration |; sign,ink,conclude,seal,clinch,reach,strike,finalise,finalize,forge,ratify> |; ex={A} and {B} {V} a {N} {W}.
10-cooperation |; 0871 |; N |; ceasefire,truce,armistice |; agree,declare,announce,reach,accept,sign,broker> |; ex={A} and {B} {V} a {N} {W}.
10-cooperation |; 046 |; N |; talks,negotiations |; hold,conduct,begin,resume,open,continue> |; det= |; ex={A} and {B} {V} talks in Geneva {W}.
10-cooperation |; 057 |; V |; agree |; on |; ex={A} and {B} {V} on a trade deal {W}.
10-cooperation |; 050 |; V |; normalise,normalize,restore,establish,resume,upgrade,strengthen,deepen,expand,boost,improve,mend |; relations>with |; ex={A} {V} diplomatic relations with {B} {W}.
10-cooperation |; 050 |; V |; cooperate,collaborate,coordinate,partner,ally/allied |; with |; ex={A} {V} with {B} on climate policy {W}.
10-cooperation |; 050 |; V |; reconcile |; with
# ---------------------------------------------------------------- 06 material cooperation
10-cooperation |; 062 |; V |; strengthen,deepen,expand,boost,build/built,bolster,intensify,step |; defence>with |; ex={A} {V} defence ties with {B} {W}.
10-cooperation |; 061 |; V |; trade |; with
10-cooperation |; 061 |; V |; invest |; in |; ex={A} {V} billions in {B} {W}.
10-cooperation |; 061 |; V |; import,buy/bought,purchase |; from |; ex={A} {V} gas from {B} {W}.
10-cooperation |; 061 |; V |; export,sell/sold |; to |; ex={A} {V} grain to {B} {W}.
10-cooperation |; 062 |; V |; train,equip |; obj |; ex={A} {V} {Bd} soldiers {W}.
10-cooperation |; 062 |; N |; exercises,drills,manoeuvres,maneuvers,patrols,games |; hold,conduct,stage,carry,begin,launch,start>with |; det=joint
10-cooperation |; 062 |; N |; exercises,drills,manoeuvres,patrols |; take,participate,engage,join>in |; ex={A} took part in joint {N} with {B} {W}.
10-cooperation |; 064 |; V |; share,exchange,pass/passed |; with |; who=state |; ex=The {Ad} government {V} intelligence with {B} {W}.
10-cooperation |; 064 |; N |; intelligence |; share,pass,exchange>with |; det=-
10-cooperation |; 063 |; V |; extradite,hand/handed |; to |; ex={A} {V} a suspect to {B} {W}.
10-cooperation |; 060 |; N |; cooperation |; deepen,expand,strengthen,boost,begin,launch,step>with |; det=-
# ---------------------------------------------------------------- 07 aid
11-aid-yield |; 072 |; V |; supply,provide,deliver,send/sent,ship,transfer,give/gave,donate,sell/sold,airlift,furnish,rush,dispatch,despatch,export,hand,lend,loan |; military>to
11-aid-yield |; 073 |; V |; supply,provide,deliver,send/sent,ship,give/gave,donate,airlift,airdrop,rush,dispatch,truck,fly/flew,distribute,channel,channel |; humanitarian>to
11-aid-yield |; 071 |; V |; provide,give/gave,lend/lent,grant,extend,disburse,transfer,send/sent,pledge,donate,channel,allocate,release,approve,loan |; economic>to
11-aid-yield |; 072 |; V |; supply,provide,arm,equip |; with:military
11-aid-yield |; 073 |; V |; supply,provide |; with:humanitarian
11-aid-yield |; 072 |; V |; send/sent,give/gave,sell/sold,ship |; dat:military
11-aid-yield |; 072 |; V |; arm |; obj
11-aid-yield |; 071 |; V |; fund,finance,bankroll,subsidise,subsidize |; obj
11-aid-yield |; 070 |; V |; aid,assist,support |; obj |; ex={A} {V} {B} after the floods {W}.
11-aid-yield |; 074 |; V |; deploy,send/sent,dispatch |; troops>to |; ex={A} {V} peacekeepers to {B} {W}.
11-aid-yield |; 074 |; N |; peacekeepers,peacekeeping force |; deploy,send,dispatch>to |; det=
11-aid-yield |; 075 |; V |; grant,give/gave,offer |; asylum>to |; ex={A} {V} asylum to a {Bd} dissident {W}.
11-aid-yield |; 075 |; N |; asylum |; grant,give,offer>to |; det=-
11-aid-yield |; 073 |; V |; evacuate |; obj |; ex={A} {V} {Bd} civilians from the war zone {W}.
11-aid-yield |; 073 |; V |; shelter,feed/fed |; obj |; ex={A} {V} refugees from {B} {W}.
11-aid-yield |; 072 |; N |; shipment,delivery,supply,transfer,consignment,sale |; make,complete,approve,send,deliver,announce>to |; obj=military |; ex={A} {V} the {N} of tanks to {B} {W}.
11-aid-yield |; 071 |; N |; loan,grant,bailout,aid package,package,credit line |; provide,give,extend,approve,grant,disburse,announce>to
11-aid-yield |; 073 |; N |; aid,assistance,relief,supplies |; provide,deliver,send,give,airlift,dispatch>to |; det=humanitarian
11-aid-yield |; 072 |; N |; aid,assistance,support |; provide,give,send,deliver,approve,announce>to |; det=military
# ---------------------------------------------------------------- 08 yield
11-aid-yield |; 0841 |; V |; release,free,repatriate,return,hand,exchange,swap,pardon,parole |; detainee>obj |; ex={A} {V} {Bd} prisoners {W}.
11-aid-yield |; 0841 |; V |; free,repatriate |; obj |; ex={A} {V} a {Bd} journalist {W}.
11-aid-yield |; 0841 |; V |; release,free,hand/handed,return |; detainee>to |; ex={A} {V} prisoners to {B} {W}.
11-aid-yield |; 0841 |; N |; release,exchange,swap,handover,repatriation |; order,announce,complete,carry,secure,agree,conduct>of |; obj=detainee |; ex={A} {V} the {N} of {Bd} prisoners {W}.
11-aid-yield |; 0841 |; N |; prisoner exchange/prisoner exchange,prisoner swap/prisoner swap,exchange,swap |; conduct,complete,carry,hold,agree>with
11-aid-yield |; 085 |; V |; ease,lift,relax,loosen,suspend,remove,scrap,waive,drop,end,roll |; sanctions>on |; ex={A} {V} sanctions on {B} {W}.
11-aid-yield |; 085 |; V |; ease,lift,relax,loosen,remove,scrap,waive,drop,end |; sanctions>against |; ex={A} {V} the embargo against {B} {W}.
11-aid-yield |; 0814 |; V |; lift,end,revoke,rescind |; emergency>obj |; ex={A} {V} the state of emergency it declared against {B} {W}.
11-aid-yield |; 0871 |; V |; declare,announce,agree,accept,observe,sign,reach,respect |; ceasefire>with |; ex={A} {V} a ceasefire with {B} {W}.
11-aid-yield |; 0871 |; N |; ceasefire,truce,armistice,cessation |; agree,declare,announce,reach,accept,sign,observe,broker,conclude>with |; ex={A} {V} a {N} with {B} {W}.
11-aid-yield |; 0871 |; N |; ceasefire,truce,armistice |; ->between |; ex=A {N} between {Aname} and {B} took effect {W}.
11-aid-yield |; 0871 |; N |; ceasefire,truce |; agree,reach,broker>between
11-aid-yield |; 0874 |; V |; withdraw/withdrew,pull,remove,evacuate,redeploy |; troops>from |; ex={A} {V} its troops from {B} {W}.
11-aid-yield |; 0874 |; V |; retreat,withdraw/withdrew,pull |; from |; who=armed |; ex={Ad} troops {V} from the town near the border with {B} {W}.
11-aid-yield |; 0874 |; V |; pull |; prt:out>from |; ex={A} pulled out of the region near {B} {W}.
11-aid-yield |; 0874 |; V |; surrender,capitulate |; to
11-aid-yield |; 0874 |; N |; withdrawal,pullout,pullback,retreat |; complete,begin,announce,order,start>from |; det=
11-aid-yield |; 0873 |; V |; demobilise,demobilize,disarm,disband |; obj |; ex={A} {V} {Bd} militias {W}.
11-aid-yield |; 0872 |; V |; ease,lift,end |; blockade>of |; ex={A} {V} its blockade of {B} {W}.
11-aid-yield |; 0862 |; V |; admit,allow/allowed |; inspectors>obj |; ex={A} {V} inspectors from {B} {W}.
11-aid-yield |; 0863 |; V |; allow/allowed,permit,facilitate |; humanitarian>obj |; ex={A} {V} aid deliveries to {B} {W}.
11-aid-yield |; 081 |; V |; ease,lift,relax,loosen,remove |; restrictions>on |; ex={A} {V} restrictions on {Bd} diplomats {W}.
11-aid-yield |; 0842 |; V |; return,restore,hand/handed |; territory>to |; ex={A} {V} the territory to {B} {W}.
11-aid-yield |; 080 |; V |; concede,yield,cede,relent,compromise,acquiesce |; to |; ex={A} {V} to {B} on the border issue {W}.
11-aid-yield |; 0831 |; V |; resign,quit,step |; obj |; ex={A} resigned after protests against {B} {W}.
# ---------------------------------------------------------------- 09 investigate
11-aid-yield |; 090 |; V |; investigate,probe,examine,inspect,scrutinise,scrutinize,audit |; obj |; ex={A} {V} {Bd} companies over fraud {W}.
11-aid-yield |; 090 |; N |; investigation,probe,inquiry,enquiry,inspection,audit |; launch,open,begin,order,start,announce,conduct>into |; ex={A} {V} an {N} into {B} {W}.
11-aid-yield |; 094 |; N |; investigation,probe,inquiry |; launch,open,begin,order>into |; obj=warcrimes |; ex={A} {V} an {N} into war crimes by {B} {W}.
# ---------------------------------------------------------------- 10 demand
12-verbal-conflict |; 100 |; V |; demand |; obj |; ex={A} {V} an apology from {B} {W}.
12-verbal-conflict |; 100 |; V |; demand |; from |; ex={A} {V} compensation from {B} {W}.
12-verbal-conflict |; 100 |; V |; demand |; comp |; ex={A} {V} that {B} withdraw its troops {W}.
12-verbal-conflict |; 1053 |; V |; demand,seek |; detainee>obj |; ex={A} {V} the release of {Bd} prisoners {W}.
12-verbal-conflict |; 1056 |; V |; demand |; withdrawal>obj |; ex={A} {V} the withdrawal of {Bd} troops {W}.
12-verbal-conflict |; 100 |; V |; order,instruct,command |; obj |; ex={A} {V} {B} to leave the area {W}.
12-verbal-conflict |; 100 |; N |; demand,ultimatum |; issue,make,present,deliver,send,repeat,renew>to
12-verbal-conflict |; 106 |; V |; demand |; talks>obj |; ex={A} {V} talks with {B} {W}.
# ---------------------------------------------------------------- 11 disapprove
12-verbal-conflict |; 111 |; V |; criticise,criticize,condemn,denounce,slam,blast,rebuke,castigate,decry,deplore,lambast,lambaste,censure,berate,chide,reprimand,scold,admonish,assail,excoriate,upbraid,vilify,fault,disparage,deride,ridicule,mock,belittle,scorn,damn,disavow,repudiate |; obj
12-verbal-conflict |; 111 |; V |; lash,hit |; prt:out>at |; ex={A} lashed out at {B} {W}.
12-verbal-conflict |; 111 |; V |; hit |; prt:back>at |; ex={A} hit back at {B} {W}.
12-verbal-conflict |; 111 |; V |; brand,dub |; obj |; ex={A} {V} the {Bd} leader a war criminal {W}.
12-verbal-conflict |; 111 |; V |; object |; to |; ex={A} {V} to the {Bd} plan {W}.
12-verbal-conflict |; 111 |; V |; protest |; obj |; ex={A} {V} the {Bd} decision {W}.
12-verbal-conflict |; 111 |; N |; criticism,condemnation,censure,rebuke,outrage,anger,displeasure,disapproval,dismay,concern |; express,voice,level,direct>at |; det=-
12-verbal-conflict |; 111 |; N |; criticism,condemnation,censure,rebuke,attack,tirade,broadside |; level,launch,direct,issue,express,voice>against
12-verbal-conflict |; 111 |; N |; criticism,condemnation,anger,outrage |; draw,provoke,spark,trigger>from |; ex={A} {V} {N} from {B} {W}. |; src=from |; tgt=subj |; expect=BA
12-verbal-conflict |; 112 |; V |; accuse,charge,blame |; obj |; ex={A} {V} {B} of violating the ceasefire {W}.
12-verbal-conflict |; 112 |; V |; blame |; for |; ex={A} {V} the attack on rebels backed by {B} {W}.
12-verbal-conflict |; 112 |; V |; blame |; on |; ex={A} {V} the explosion on {B} {W}.
12-verbal-conflict |; 112 |; V |; allege |; comp |; ex={A} {V} that {B} had armed the rebels {W}.
12-verbal-conflict |; 112 |; N |; accusation,allegation,charge,claim |; level,make,lodge,file,repeat,voice>against
12-verbal-conflict |; 1121 |; V |; accuse,charge |; crime>obj |; ex={A} {V} {B} of corruption {W}.
12-verbal-conflict |; 1123 |; V |; accuse |; aggression>obj |; ex={A} {V} {B} of aggression {W}.
12-verbal-conflict |; 1125 |; V |; accuse |; espionage>obj |; ex={A} {V} {B} of espionage {W}.
12-verbal-conflict |; 114 |; V |; summon |; diplomats>obj |; ex={A} {V} the {Bd} ambassador {W}.
12-verbal-conflict |; 114 |; V |; summon |; obj |; ex={A} {V} the envoy of {B} {W}.
12-verbal-conflict |; 114 |; V |; complain,protest |; to |; ex={A} {V} to {B} about the incident {W}.
12-verbal-conflict |; 114 |; N |; complaint,protest,note,demarche,objection |; lodge,file,deliver,send,issue,register,make,submit,hand>with
12-verbal-conflict |; 114 |; N |; complaint,protest |; lodge,file,send,make>against
12-verbal-conflict |; 115 |; V |; sue |; obj
12-verbal-conflict |; 115 |; N |; lawsuit,case,suit,complaint,action |; file,bring,launch,lodge,initiate>against
12-verbal-conflict |; 116 |; V |; convict,sentence,condemn |; crime>obj |; ex={A} {V} a {Bd} journalist of espionage {W}.
12-verbal-conflict |; 113 |; V |; mobilise,mobilize |; against |; ex={A} {V} opposition against {B} {W}.
# ---------------------------------------------------------------- 12 reject
12-verbal-conflict |; 120 |; V |; reject,rebuff,dismiss,spurn,refuse,snub,decline,disregard,ignore,shun |; obj |; ex={A} {V} {Bd} demands {W}.
12-verbal-conflict |; 125 |; V |; reject,rebuff,spurn,refuse,decline |; proposal>obj |; ex={A} {V} the {Bd} proposal for talks {W}.
12-verbal-conflict |; 125 |; V |; reject,rebuff,spurn,refuse,decline,turn |; talks>obj |; ex={A} {V} talks with {B} {W}.
12-verbal-conflict |; 128 |; V |; defy,flout,violate,breach,contravene,disobey |; obj |; ex={A} {V} the {Bd} ban {W}.
12-verbal-conflict |; 129 |; V |; veto |; obj |; ex={A} {V} a {Bd} resolution at the council {W}.
12-verbal-conflict |; 120 |; N |; rejection |; announce,express,voice>of |; ex={A} {V} its {N} of the {Bd} plan {W}.
# ---------------------------------------------------------------- 13 threaten
12-verbal-conflict |; 130 |; V |; threaten,warn |; obj |; ex={A} {V} {B} with consequences {W}.
12-verbal-conflict |; 138 |; V |; threaten |; attack>obj |; ex={A} {V} strikes against {B} {W}.
12-verbal-conflict |; 130 |; V |; warn |; against |; ex={A} {V} against any move by {B} {W}.
12-verbal-conflict |; 130 |; V |; menace,intimidate,bully,blackmail |; obj
12-verbal-conflict |; 130 |; N |; threat,warning,ultimatum |; issue,make,deliver,send,level,repeat>to
12-verbal-conflict |; 130 |; N |; threat,warning |; issue,make,level>against
12-verbal-conflict |; 1312 |; V |; threaten |; sanctions>obj |; ex={A} {V} sanctions against {B} {W}.
# ---------------------------------------------------------------- 14 protest
13-material-conflict |; 141 |; V |; protest,demonstrate,rally,march |; intr |; need=against,in,outside,at,near |; ex=Protesters {V} against the {Bd} government in {Aname} {W}.
13-material-conflict |; 141 |; V |; protest,demonstrate,rally,march,gather |; outside |; ex=Protesters {V} outside the {Bd} embassy in {Aname} {W}.
13-material-conflict |; 141 |; N |; protest,protests,demonstration,demonstrations,rally,rallies,march,sit-in,vigil |; hold,stage,organise,organize,lead,launch,mount,join,begin,call>against |; det=
13-material-conflict |; 141 |; N |; protest,protests,demonstration,demonstrations,rally |; hold,stage,organise,organize,lead,launch>outside |; ex={A} {V} {N} outside the {Bd} embassy {W}.
13-material-conflict |; 143 |; V |; strike,boycott |; against |; ex=Workers in {Aname} went on strike against {B} {W}.
13-material-conflict |; 143 |; V |; boycott |; obj |; ex={A} {V} {Bd} goods {W}.
13-material-conflict |; 143 |; N |; boycott,strike,walkout |; launch,call,stage,announce,begin,hold>of |; ex={A} {V} a {N} of {Bd} goods {W}.
13-material-conflict |; 142 |; N |; hunger strike/hunger strike |; begin,launch,stage,start>against
13-material-conflict |; 144 |; V |; block,blockade,barricade,obstruct |; border>obj |; ex={A} {V} the border with {B} {W}.
13-material-conflict |; 145 |; V |; riot,clash |; with |; ex=Rioters {V} with police in {B} {W}.
13-material-conflict |; 145 |; N |; riots,riot,unrest,clashes,violence |; ->in |; ex=Riots in {B} followed the {Ad} ruling {W}.
# ---------------------------------------------------------------- 15 force posture
13-material-conflict |; 150 |; V |; test,fire,launch |; military>obj |; ex={A} {V} a ballistic missile near {B} {W}.
13-material-conflict |; 150 |; V |; fire,launch |; military>toward |; ex={A} {V} a missile toward {B} {W}.
13-material-conflict |; 150 |; N |; exercises,drills,manoeuvres,maneuvers,wargames,games,patrols |; hold,conduct,stage,carry,begin,launch,start,step>near |; det=military
13-material-conflict |; 150 |; N |; exercises,drills,manoeuvres,maneuvers |; hold,conduct,stage,launch,start>around |; det=military
13-material-conflict |; 150 |; N |; test,launch,tests,launches |; conduct,carry,stage>near |; det=a missile
13-material-conflict |; 150 |; V |; fly/flew,sail,patrol |; near |; ex={A} {V} warplanes near {B} {W}.
13-material-conflict |; 154 |; V |; deploy,mobilise,mobilize,mass,amass,station,move,send/sent,dispatch,rush |; troops>to |; ex={A} {V} troops to the border with {B} {W}.
13-material-conflict |; 154 |; V |; deploy,mass,amass,station,concentrate,build/built |; troops>near |; ex={A} {V} troops near {B} {W}.
13-material-conflict |; 154 |; V |; deploy,station,position,base |; military>in |; ex={A} {V} missiles in {B} {W}.
13-material-conflict |; 154 |; V |; mobilise,mobilize |; obj |; ex={A} {V} reservists against {B} {W}.
13-material-conflict |; 154 |; N |; buildup,build-up,deployment,mobilisation,mobilization |; order,begin,announce,complete,step>near |; det=a military
13-material-conflict |; 152 |; V |; raise |; alert>obj |; ex={A} {V} the alert level of its army near {B} {W}.
13-material-conflict |; 151 |; V |; tighten |; security>obj |; ex={A} {V} security along the border with {B} {W}.
# ---------------------------------------------------------------- 16 reduce relations
13-material-conflict |; 161 |; V |; sever,cut,break/broke,suspend,downgrade,freeze/froze,end,rupture,curtail |; relations>with |; ex={A} {V} diplomatic ties with {B} {W}.
13-material-conflict |; 161 |; V |; cut,break/broke |; prt:off>with |; ex={A} broke off relations with {B} {W}.
13-material-conflict |; 161 |; V |; recall,withdraw/withdrew |; diplomats>to |; ex={A} {V} its ambassador to {B} for consultations {W}.
13-material-conflict |; 166 |; V |; order,tell/told |; diplomats>obj |; ex={A} {V} ten {Bd} diplomats to leave the country {W}.
13-material-conflict |; 175 |; V |; fire,use,deploy |; riot>at |; ex=Police in {Aname} {V} tear gas at {Bd} protesters {W}.
13-material-conflict |; 175 |; V |; fire,use |; riot>on |; ex=Police in {Aname} {V} water cannon on {Bd} demonstrators {W}.
13-material-conflict |; 161 |; V |; recall,withdraw/withdrew |; diplomats>from |; ex={A} {V} its ambassador from {B} {W}.
13-material-conflict |; 161 |; V |; close,shut |; embassy>in |; ex={A} {V} its embassy in {B} {W}.
13-material-conflict |; 161 |; N |; relations,ties |; sever,cut,break,suspend,downgrade,freeze>with |; det=
13-material-conflict |; 163 |; V |; sanction,blacklist,embargo,penalise,penalize |; obj
13-material-conflict |; 163 |; V |; impose,slap,announce,levy,introduce,extend,expand,tighten,approve,adopt,unveil,renew,widen,toughen,reimpose,place |; sanctions>on |; ex={A} {V} {O} on {B} {W}.
13-material-conflict |; 163 |; V |; impose,announce,introduce,extend,expand,tighten,approve,adopt,renew,reimpose |; sanctions>against |; ex={A} {V} {O} against {B} {W}.
13-material-conflict |; 163 |; N |; sanctions,embargo,tariffs,tariff,restrictions,ban,curbs,penalties,duties,levies,boycott |; impose,slap,announce,levy,introduce,extend,expand,tighten,approve,adopt,unveil,renew,widen,reimpose,place,order>on |; det=
13-material-conflict |; 163 |; N |; sanctions,embargo,tariffs,restrictions,ban,curbs |; impose,announce,introduce,extend,expand,tighten,approve,adopt,renew,reimpose,order>against |; det=
13-material-conflict |; 163 |; N |; sanctions,embargo,tariffs,restrictions,curbs |; ->on |; ex={Aname}'s {N} on {B} came into force {W}.
13-material-conflict |; 163 |; V |; ban,bar,prohibit,restrict,block,curb |; obj |; ex={A} {V} {Bd} imports {W}.
13-material-conflict |; 163 |; V |; ban,bar,prohibit,restrict |; from |; ex={A} {V} airlines from {B} from its airspace {W}.
13-material-conflict |; 163 |; V |; freeze/froze,seize |; assets>obj |; ex={A} {V} the assets of the {Bd} central bank {W}.
13-material-conflict |; 164 |; V |; suspend,halt,abandon,end,break/broke,freeze/froze,postpone,cancel |; talks>with |; ex={A} {V} talks with {B} {W}.
13-material-conflict |; 164 |; V |; call |; prt:off>obj |; ex={A} called off peace talks with {B} {W}.
13-material-conflict |; 164 |; V |; walk,pull |; prt:out>of |; ex={A} walked out of the talks with {B} {W}.
13-material-conflict |; 164 |; V |; withdraw/withdrew,quit,leave/left,exit |; agreement>from |; ex={A} {V} from the treaty with {B} {W}.
13-material-conflict |; 160 |; V |; revoke,scrap,annul,cancel,terminate,abrogate,suspend,tear,renounce,rescind,void,ditch |; agreement>obj |; ex={A} {V} the agreement with {B} {W}.
13-material-conflict |; 160 |; V |; withdraw/withdrew,quit,leave/left,exit |; from |; ex={A} {V} from the defence pact with {B} {W}.
13-material-conflict |; 162 |; V |; cut,suspend,halt,freeze/froze,stop,withhold,reduce,slash,end |; economic>to |; ex={A} {V} aid to {B} {W}.
13-material-conflict |; 1622 |; V |; cut,suspend,halt,freeze/froze,stop,withhold |; military>to |; ex={A} {V} arms sales to {B} {W}.
13-material-conflict |; 166 |; V |; expel,oust,eject |; obj |; ex={A} {V} {Bd} diplomats {W}.
13-material-conflict |; 166 |; V |; expel,declare |; diplomats>obj |; ex={A} {V} two {Bd} diplomats {W}.
13-material-conflict |; 166 |; N |; expulsion |; order,announce,demand>of |; ex={A} {V} the {N} of {Bd} diplomats {W}.
13-material-conflict |; 166 |; V |; withdraw/withdrew,pull |; troops>from |; ex={A} {V} its peacekeepers from {B} {W}.
13-material-conflict |; 160 |; V |; downgrade,reduce,scale |; relations>obj |; ex={A} {V} its ties with {B} {W}.
# ---------------------------------------------------------------- 17 coerce
13-material-conflict |; 173 |; V |; arrest,detain,jail,imprison,apprehend,capture,nab,round,charge,indict,prosecute,intern,incarcerate,sentence,convict,seize |; obj |; ex={A} {V} a {Bd} national {W}.
13-material-conflict |; 173 |; N |; arrest,detention,warrant,warrants,charges,indictment |; order,issue,announce,reinstate,make>for |; ex={A} {V} an {N} for a {Bd} officer {W}.
13-material-conflict |; 173 |; V |; place/placed,put |; under |; ex={A} {V} the {Bd} consul under house arrest {W}.
13-material-conflict |; 174 |; V |; deport,expel,extradite,banish,exile,repatriate |; obj |; ex={A} {V} {Bd} migrants {W}.
13-material-conflict |; 174 |; N |; deportation,deportations,expulsion |; order,carry,begin,announce>of |; ex={A} {V} the {N} of {Bd} migrants {W}.
13-material-conflict |; 175 |; V |; disperse,crush,suppress,repress,quell,beat,tear-gas,teargas,break/broke |; crowd>obj |; ex=Police in {Aname} {V} {Bd} protesters {W}.
13-material-conflict |; 175 |; V |; crack,clamp |; prt:down>on |; ex={A} cracked down on {Bd} protesters {W}.
13-material-conflict |; 175 |; N |; crackdown,clampdown,repression |; launch,order,begin,intensify,step>on |; det=a
13-material-conflict |; 175 |; V |; fire/fired |; at |; ex=Police in {Aname} fired tear gas at {Bd} protesters {W}.
13-material-conflict |; 171 |; V |; seize,confiscate,impound,commandeer,nationalise,nationalize,expropriate |; obj |; ex={A} {V} a {Bd} tanker {W}.
13-material-conflict |; 1712 |; V |; destroy,demolish,raze,bulldoze,torch,burn,sabotage,vandalise,vandalize |; property>obj |; ex={A} {V} {Bd} homes in the border area {W}.
13-material-conflict |; 172 |; V |; ban,outlaw,dissolve,suspend,shut,close |; party>obj |; ex={A} {V} the {Bd} opposition party {W}.
13-material-conflict |; 1724 |; V |; declare,impose,proclaim,extend |; emergency>obj |; ex={A} {V} {O} in the region bordering {B} {W}.
13-material-conflict |; 170 |; V |; coerce,force,compel,pressure |; obj |; ex={A} {V} {B} to hand over the ship {W}.
13-material-conflict |; 170 |; V |; hit/hit,spray,target |; with:riot |; ex=A {Ad} ship hit a boat from {B} with a water cannon {W}.
13-material-conflict |; 1721 |; V |; censor,muzzle,gag |; obj
# ---------------------------------------------------------------- 18 assault
13-material-conflict |; 181 |; V |; abduct,kidnap,hijack,seize,snatch |; obj |; ex=Gunmen from {Aname} {V} {Bd} sailors {W}.
13-material-conflict |; 181 |; V |; take/took |; hostage>obj |; ex=Militants from {Aname} {V} {Bd} tourists hostage {W}.
13-material-conflict |; 182 |; V |; assault,beat,attack,torture,maim,injure,wound,stab,lynch |; victims>obj |; ex=Militants from {Aname} {V} {Bd} civilians {W}.
13-material-conflict |; 1822 |; V |; torture |; obj |; ex=Guards from {Aname} {V} {Bd} prisoners {W}.
13-material-conflict |; 1823 |; V |; kill,murder,slaughter,execute,behead,massacre,lynch |; obj |; ex=Gunmen from {Aname} {V} {Bd} villagers {W}.
13-material-conflict |; 183 |; V |; bomb,blow/blew |; obj |; ex=Militants from {Aname} {V} a {Bd} market {W}.
13-material-conflict |; 183 |; N |; bombing,bombings,blast,explosion |; carry,claim,stage,mount>in |; ex=Militants from {Aname} {V} a {N} in {B} {W}.
13-material-conflict |; 1832 |; N |; car bomb/car bomb,car bombing/car bombing |; plant,detonate,carry,set>in |; ex=Militants from {Aname} {V} a {N} in {B} {W}.
13-material-conflict |; 1831 |; N |; suicide bombing/suicide bombing,suicide attack/suicide attack |; carry,claim,stage>in |; det=a
13-material-conflict |; 185 |; V |; target |; obj |; ex=Agents from {Aname} targeted a {Bd} minister in an assassination attempt {W}.
13-material-conflict |; 186 |; V |; assassinate |; obj |; ex=Agents of {Aname} {V} a {Bd} general {W}.
13-material-conflict |; 186 |; N |; assassination |; carry,order,plot>of |; ex={A} {V} the {N} of a {Bd} general {W}.
13-material-conflict |; 184 |; V |; use |; shields>obj |; ex=Militants from {Aname} used {Bd} civilians as human shields {W}.
# ---------------------------------------------------------------- 19 fight
13-material-conflict |; 190 |; V |; attack,strike/struck,assault,raid,storm,target,engage,ambush,invade,overrun,pound,batter,hammer,pummel |; obj |; ex={Ad} troops {V} {Bd} positions {W}.
13-material-conflict |; 190 |; V |; hit/hit |; obj |; who=armed |; ex={Ad} troops {V} {Bd} positions {W}.
13-material-conflict |; 190 |; V |; fight/fought,battle,clash,skirmish,exchange |; with |; ex={Ad} troops {V} with {Bd} forces {W}.
13-material-conflict |; 190 |; V |; fight/fought,battle,advance,push,launch,move,retaliate,counterattack,counter-attack |; against |; ex={Ad} forces {V} against {Bd} positions {W}.
13-material-conflict |; 190 |; V |; fight/fought,battle |; intr |; who=armed |; ex={Ad} troops {V} in the {Bd} border region {W}.
13-material-conflict |; 190 |; V |; invade,infiltrate |; obj |; ex={Ad} troops {V} {B} {W}.
13-material-conflict |; 190 |; V |; advance,push,move,drive/drove |; into |; ex={Ad} troops {V} into {B} {W}.
13-material-conflict |; 190 |; V |; open |; fire>on |; ex={Ad} soldiers opened fire on {Bd} troops {W}.
13-material-conflict |; 190 |; N |; attack,attacks,offensive,assault,raid,raids,operation,operations,incursion,incursions,counteroffensive,invasion,strikes,strike |; launch,carry,mount,conduct,stage,begin,unleash,intensify,step,wage,press,order>on |; det=
13-material-conflict |; 190 |; N |; attack,attacks,offensive,assault,raid,raids,operation,operations,strikes,war,campaign |; launch,carry,mount,conduct,stage,begin,unleash,intensify,wage,order>against |; det=
13-material-conflict |; 190 |; N |; attack,offensive,assault,raid,incursion,invasion,strikes |; ->on |; ex={Aname}'s {N} on {B} began {W}.
13-material-conflict |; 190 |; N |; fighting,clashes,battles,hostilities,war |; ->between |; ex={N} between {Aname} and {B} resumed {W}.
13-material-conflict |; 190 |; N |; fire |; open,return>on |; det=-
13-material-conflict |; 190 |; N |; fire,gunfire,shots,blows |; exchange,trade> |; det= |; ex={A} and {B} {V} {N} across the border {W}.
13-material-conflict |; 190 |; N |; war |; wage,declare,fight>on |; det=
13-material-conflict |; 195 |; V |; bomb,airstrike,strafe,drone,missile |; obj |; ex={Ad} jets {V} {Bd} positions {W}.
13-material-conflict |; 195 |; N |; airstrikes,airstrike,air strikes/air strikes,air strike/air strike,drone strikes/drone strikes,missile strikes/missile strikes,bombing,bombardment,air raids/air raids |; launch,carry,conduct,mount,stage,intensify,unleash,order,step>on |; det=
13-material-conflict |; 195 |; N |; airstrikes,air strikes/air strikes,drone strikes/drone strikes,bombing,missile attack/missile attack |; launch,carry,conduct,order>against |; det=
13-material-conflict |; 195 |; V |; fire,launch,lob,hurl |; military>at |; ex={Ad} forces {V} missiles at {B} {W}.
13-material-conflict |; 195 |; V |; fire,launch |; military>into |; ex={Ad} forces {V} rockets into {B} {W}.
13-material-conflict |; 195 |; V |; shoot/shot |; prt:down>obj |; ex={Ad} air defences shot down a {Bd} drone {W}.
13-material-conflict |; 194 |; V |; shell,bombard,pound |; obj |; ex={Ad} artillery {V} {Bd} villages {W}.
13-material-conflict |; 194 |; N |; shelling,bombardment,barrage,artillery fire/artillery fire |; launch,intensify,carry,unleash,resume>on |; det=
13-material-conflict |; 193 |; V |; shoot/shot,gun,snipe |; obj |; ex={Ad} soldiers {V} two {Bd} fishermen {W}.
13-material-conflict |; 193 |; V |; shoot/shot,fire |; at |; ex={Ad} soldiers {V} at {Bd} troops {W}.
13-material-conflict |; 192 |; V |; occupy,annex,capture,seize,take/took,conquer,retake,recapture,overrun,control |; territory>obj |; ex={Ad} troops {V} the town in {B} {W}.
13-material-conflict |; 192 |; V |; annex,occupy |; obj |; ex={Ad} forces {V} parts of {B} {W}.
13-material-conflict |; 192 |; N |; annexation,occupation,seizure,capture |; complete,announce,order,begin>of |; ex={A} {V} the {N} of the region of {B} {W}.
13-material-conflict |; 191 |; V |; blockade,besiege,encircle,surround,cordon |; obj |; ex={Ad} forces {V} {Bd} ports {W}.
13-material-conflict |; 191 |; N |; blockade,siege |; impose,enforce,begin,tighten,lay>on |; det=a
13-material-conflict |; 191 |; N |; blockade,siege |; impose,enforce,begin,tighten,lay>of |; det=a
13-material-conflict |; 196 |; V |; violate,breach,break/broke |; ceasefire>obj |; ex={Ad} forces {V} the ceasefire with {B} {W}.
13-material-conflict |; 190 |; V |; kill,wound |; troops>obj |; ex={Ad} forces {V} {Bd} soldiers {W}.
# ---------------------------------------------------------------- 20 mass violence
13-material-conflict |; 202 |; V |; massacre,exterminate,slaughter |; obj |; ex=Militias from {Aname} {V} {Bd} villagers {W}.
13-material-conflict |; 201 |; V |; expel,deport,drive/drove |; population>obj |; ex={A} {V} the {Bd} population from the region {W}.
13-material-conflict |; 2041 |; V |; use,deploy,drop,fire |; chemical>obj |; ex={Ad} forces {V} chemical weapons against {Bd} fighters {W}.
13-material-conflict |; 2041 |; N |; chemical attack/chemical attack,gas attack/gas attack |; carry,launch,conduct>on |; det=a
13-material-conflict |; 203 |; N |; ethnic cleansing/ethnic cleansing |; carry,conduct,commit>of |; ex={A} carried out ethnic cleansing of {Bd} villagers {W}.
# ================================================================ additions (issue 9): more wire-copy verbs and nouns
# ---------------------------------------------------------------- 02 appeal
10-cooperation |; 0231 |; V |; seek,request,solicit |; economic>from |; ex={A} {V} {O} from {B} {W}.
10-cooperation |; 0232 |; V |; seek,request,solicit |; military>from |; ex={A} {V} {O} from {B} {W}.
10-cooperation |; 0233 |; V |; seek,request,solicit |; humanitarian>from |; ex={A} {V} {O} from {B} {W}.
10-cooperation |; 0234 |; V |; seek,request |; troops>from |; ex={A} {V} peacekeepers from {B} {W}.
10-cooperation |; 020 |; V |; prevail,call |; upon |; ex={A} {V} upon {B} to lift the blockade {W}.
10-cooperation |; 020 |; V |; appeal |; obj |; ex={A} {V} to {B} to release the hostages {W}.
10-cooperation |; 020 |; N |; plea,appeal,call |; direct,address>to |; ex={A} {V} an {N} to {B} to end the siege {W}.
10-cooperation |; 026 |; V |; invite |; talks>obj |; ex={A} {V} {B} to talks on the border dispute {W}.
# ---------------------------------------------------------------- 04 consult
10-cooperation |; 042 |; V |; visit,tour |; territory>obj |; ex={A} {V} the region in {B} {W}.
10-cooperation |; 042 |; V |; stop |; in |; who=official |; ex=The {Ad} foreign minister stopped in {B} on a regional tour {W}.
10-cooperation |; 043 |; V |; greet,receive/received,welcome,host |; diplomats>obj |; ex={A} {V} the {Bd} ambassador {W}.
10-cooperation |; 040 |; V |; sit |; prt:down>with |; ex={A} sat down with {B} {W}.
10-cooperation |; 040 |; V |; chair,co-chair,cohost,co-host,organise,organize |; talks>with |; ex={A} {V} talks with {B} {W}.
10-cooperation |; 040 |; V |; meet/met,confer,talk |; between |; ex={A} {V} between {B} and Armenia {W}.
10-cooperation |; 040 |; N |; talks,meeting,summit,consultations,discussions,dialogue,conversation |; hold,have,conduct,attend,host,begin,resume>among |; det=- |; ex={A} {V} {N} among {B}, Chile and Peru {W}.
10-cooperation |; 041 |; N |; call,conversation |; hold,make,have>to |; ex={A} made a call to {B} {W}.
10-cooperation |; 042 |; N |; visit,trip,tour |; make,pay,begin,start,undertake,conclude,end,complete>in |; ex={A} {V} a {N} in {B} {W}.
10-cooperation |; 046 |; N |; talks,negotiations |; hold,conduct,begin,resume,open,continue>on |; det=- |; ex={A} {V} {N} on trade with {B} {W}.
10-cooperation |; 045 |; V |; mediate,broker |; talks>obj |; ex={A} {V} talks between {B} and Chad {W}.
10-cooperation |; 045 |; N |; mediation |; offer,lead,conduct,provide>in |; det=- |; ex={A} {V} {N} in the dispute in {B} {W}.
# ---------------------------------------------------------------- 05 diplomatic cooperation
10-cooperation |; 051 |; V |; acclaim,compliment,honour,honor,reward |; obj |; ex={A} {V} {B} for its role in the peace process {W}.
10-cooperation |; 051 |; V |; welcome,hail,praise,endorse,applaud,commend,back,support |; agreement>obj |; ex={A} {V} the {Bd} agreement on refugees {W}.
10-cooperation |; 055 |; N |; regret,remorse,sorrow |; express,voice,convey>to |; det=- |; ex={A} {V} {N} to {B} for the incident {W}.
10-cooperation |; 054 |; V |; recognise,recognize |; territory>obj |; ex={A} {V} the territory of {B} as a state {W}.
10-cooperation |; 057 |; V |; sign,ink,conclude,seal,reach,strike/struck,agree,finalise,finalize,renew,extend,ratify |; agreement>between |; ex={A} {V} {O} between {B} and Chad {W}.
10-cooperation |; 050 |; V |; reopen,open,upgrade |; embassy>in |; ex={A} {V} its embassy in {B} {W}.
10-cooperation |; 050 |; V |; establish,restore,resume,normalise,normalize,upgrade,renew |; relations>obj |; ex={A} {V} diplomatic relations with {B} {W}.
10-cooperation |; 050 |; N |; relations,ties |; establish,restore,resume,normalise,normalize,upgrade,renew>with |; det=diplomatic
10-cooperation |; 050 |; N |; rapprochement,reconciliation,detente |; begin,seek,pursue,achieve,announce>with |; det=a
# ---------------------------------------------------------------- 06 material cooperation
10-cooperation |; 061 |; V |; supply,sell/sold,export,ship,deliver,pipe |; energy>to |; ex={A} {V} {O} to {B} {W}.
10-cooperation |; 061 |; V |; import,buy/bought,purchase |; energy>from |; ex={A} {V} {O} from {B} {W}.
10-cooperation |; 061 |; N |; investment,investments,trade,exports,imports |; boost,expand,increase,announce,double>with |; det=- |; ex={A} {V} {N} with {B} {W}.
10-cooperation |; 062 |; V |; hold,conduct,stage,launch,begin,start,carry |; drills>with |; ex={A} {V} {O} with {B} {W}.
10-cooperation |; 062 |; N |; exercises,drills,manoeuvres,maneuvers,patrols,games |; hold,conduct,stage,carry,begin,launch,start>between |; det=joint |; ex={A} {V} joint {N} between {B} and Chile {W}.
10-cooperation |; 062 |; V |; train,arm,equip |; troops>obj |; ex={A} {V} {Bd} troops {W}.
10-cooperation |; 063 |; V |; extradite,deport |; to |; ex={A} {V} a fugitive businessman to {B} {W}.
10-cooperation |; 063 |; N |; extradition |; approve,order,grant,complete>to |; det=the |; ex={A} {V} the {N} of a fugitive to {B} {W}.
10-cooperation |; 064 |; V |; share,exchange,provide |; intelligence>with |; ex={A} {V} intelligence with {B} {W}.
# ---------------------------------------------------------------- 07 aid
11-aid-yield |; 071 |; V |; approve,grant,provide,extend,disburse,release,unveil,announce,pledge |; economic>for |; ex={A} {V} a $2 billion loan for {B} {W}.
11-aid-yield |; 073 |; V |; approve,provide,send/sent,deliver,announce,release |; humanitarian>for |; ex={A} {V} humanitarian aid for {B} {W}.
11-aid-yield |; 072 |; V |; approve,provide,announce,send/sent,deliver |; military>for |; ex={A} {V} new weapons for {B} {W}.
11-aid-yield |; 073 |; V |; rescue,evacuate |; obj |; ex={A} {V} {Bd} nationals from the war zone {W}.
11-aid-yield |; 074 |; V |; contribute,commit,pledge |; troops>to |; ex={A} {V} peacekeepers to the mission in {B} {W}.
11-aid-yield |; 075 |; V |; shelter,harbour,harbor,admit,accept,resettle |; refugees>obj |; ex={A} {V} refugees from {B} {W}.
11-aid-yield |; 071 |; N |; loan,grant,bailout,credit,aid,assistance,funding,package |; approve,provide,give,extend,grant,disburse,announce>for |; det=a |; ex={A} {V} a {N} for {B} {W}.
# ---------------------------------------------------------------- 08 yield
11-aid-yield |; 0841 |; V |; hand |; prt:over>detainee>to |; ex={A} handed over {O} to {B} {W}.
11-aid-yield |; 0842 |; V |; hand,give/gave |; prt:back>obj |; ex={A} handed back a {Bd} ship {W}.
11-aid-yield |; 0874 |; V |; pull |; prt:back>troops>from |; ex={A} pulled back its troops from {B} {W}.
11-aid-yield |; 0874 |; V |; withdraw/withdrew,pull,remove |; troops>obj |; ex={A} {V} its troops from the border with {B} {W}.
11-aid-yield |; 085 |; V |; ease,lift,relax,loosen,remove,scrap,waive,end,suspend |; sanctions>obj |; ex={A} {V} {Bd} sanctions {W}.
11-aid-yield |; 0812 |; V |; lift,end,ease,relax |; emergency>obj |; ex={A} {V} the curfew in {B} {W}.
11-aid-yield |; 0863 |; V |; open,reopen |; border>obj |; ex={A} {V} the border with {B} to aid convoys {W}.
11-aid-yield |; 0871 |; V |; respect,honour,honor,extend,renew |; ceasefire>obj |; ex={A} {V} the ceasefire with {B} {W}.
11-aid-yield |; 0871 |; N |; ceasefire,truce,armistice |; declare,announce,agree,reach,sign,extend>in |; ex={A} {V} a {N} in {B} {W}.
11-aid-yield |; 0841 |; V |; release,free,exchange,swap |; detainee>to |; ex={A} {V} {O} to {B} {W}.
11-aid-yield |; 0841 |; N |; prisoners,hostages,detainees |; release,free,exchange,swap,return,repatriate>to |; det=- |; ex={A} {V} {N} to {B} {W}.
11-aid-yield |; 080 |; V |; give,cave,back |; prt:in>to |; ex={A} gave in to {B} on the border issue {W}.
11-aid-yield |; 080 |; V |; back |; prt:down>to |; ex={A} backed down to {B} {W}.
# ---------------------------------------------------------------- 09 investigate
11-aid-yield |; 090 |; V |; investigate,probe,examine |; crime>obj |; ex={A} {V} alleged corruption by {Bd} officials {W}.
11-aid-yield |; 092 |; V |; investigate,probe |; obj |; ex={A} {V} the {Bd} firm over bribery {W}.
# ---------------------------------------------------------------- 10 demand
12-verbal-conflict |; 100 |; V |; demand,seek,require |; withdrawal>from |; ex={A} {V} the withdrawal of troops from {B} {W}.
12-verbal-conflict |; 1056 |; V |; demand,seek |; withdrawal>obj |; ex={A} {V} the withdrawal of {Bd} troops from the region {W}.
12-verbal-conflict |; 1053 |; V |; demand,seek |; detainee>from |; ex={A} {V} the release of prisoners from {B} {W}.
12-verbal-conflict |; 1041 |; V |; demand,seek |; resignation>obj |; ex={A} {V} the resignation of the {Bd} president {W}.
12-verbal-conflict |; 100 |; V |; demand,press |; for |; ex={A} {V} for compensation from {B} {W}.
12-verbal-conflict |; 100 |; N |; demand,ultimatum |; issue,make,present,deliver,send,repeat,renew>on |; ex={A} {V} a {N} on {B} {W}.
# ---------------------------------------------------------------- 11 disapprove
12-verbal-conflict |; 111 |; V |; pillory,lampoon,denigrate,demonise,demonize,reproach,impugn,besmirch,discredit,chastise,reprove,deprecate,skewer,savage |; obj
12-verbal-conflict |; 111 |; V |; criticise,criticize,condemn,denounce,decry,deplore,slam |; attack>obj |; ex={A} {V} the {Bd} strikes {W}.
12-verbal-conflict |; 111 |; V |; criticise,criticize,condemn,denounce,decry,deplore,slam,blast |; sanctions>obj |; ex={A} {V} the {Bd} sanctions {W}.
12-verbal-conflict |; 111 |; V |; criticise,criticize,condemn,denounce,decry,deplore,slam,blast |; proposal>obj |; ex={A} {V} the {Bd} decision {W}.
12-verbal-conflict |; 111 |; N |; criticism,condemnation,anger,outrage,concern |; express,voice,level>over |; det=- |; ex={A} {V} {N} over the {Bd} strikes {W}.
12-verbal-conflict |; 112 |; V |; accuse,blame |; attack>obj |; ex={A} {V} {B} for the attack on its embassy {W}.
12-verbal-conflict |; 112 |; V |; accuse,charge |; aggression>obj |; ex={A} {V} {B} of aggression {W}.
12-verbal-conflict |; 1122 |; V |; accuse |; humanrights>obj |; ex={A} {V} {B} of human rights abuses {W}.
12-verbal-conflict |; 112 |; N |; accusation,allegation,charges |; deny,reject>from |; ex={A} rejected {N} from {B} {W}. |; src=from |; tgt=subj |; expect=BA
12-verbal-conflict |; 114 |; N |; protest,complaint |; lodge,file,register>with |; det=a formal |; ex={A} {V} a formal {N} with {B} {W}.
12-verbal-conflict |; 114 |; V |; summon |; diplomats>obj |; ex={A} {V} the {Bd} envoy {W}.
# ---------------------------------------------------------------- 12 reject
12-verbal-conflict |; 125 |; V |; turn |; prt:down>proposal>obj |; ex={A} turned down the {Bd} proposal {W}.
12-verbal-conflict |; 125 |; V |; rule |; prt:out>talks>obj |; ex={A} ruled out talks with {B} {W}.
12-verbal-conflict |; 125 |; V |; reject,rebuff,spurn,dismiss |; agreement>obj |; ex={A} {V} the {Bd} peace plan {W}.
12-verbal-conflict |; 120 |; V |; reject,dismiss,rebuff |; accusation>obj |; ex={A} {V} {Bd} accusations {W}.
12-verbal-conflict |; 128 |; V |; defy,flout,violate,breach,ignore |; sanctions>obj |; ex={A} {V} {Bd} sanctions {W}.
12-verbal-conflict |; 128 |; V |; violate,breach,defy |; territory>obj |; ex={A} {V} the airspace of {B} {W}.
# ---------------------------------------------------------------- 13 threaten
12-verbal-conflict |; 130 |; V |; threaten,warn |; with |; ex={A} {V} {B} with retaliation {W}.
12-verbal-conflict |; 1312 |; V |; threaten |; sanctions>against |; ex={A} {V} sanctions against {B} {W}.
12-verbal-conflict |; 138 |; V |; threaten |; attack>against |; ex={A} {V} military strikes against {B} {W}.
12-verbal-conflict |; 130 |; N |; threat,threats,warning |; issue,make,level,repeat,deliver>against |; det=- |; ex={A} {V} {N} against {B} {W}.
# ---------------------------------------------------------------- 14 protest
13-material-conflict |; 141 |; V |; protest,demonstrate,rally,march |; against |; ex=Protesters {V} against {B} in {Aname} {W}. |; expect=A-
13-material-conflict |; 141 |; V |; picket |; obj |; ex=Protesters in {Aname} {V} the {Bd} embassy {W}.
13-material-conflict |; 143 |; V |; boycott,shun |; talks>obj |; ex={A} {V} the talks with {B} {W}.
13-material-conflict |; 145 |; V |; storm,attack,stone,torch |; embassy>obj |; ex=Protesters in {Aname} {V} the {Bd} embassy {W}.
# ---------------------------------------------------------------- 15 force posture
13-material-conflict |; 150 |; V |; test,fire,launch |; military>over |; ex={A} {V} a ballistic missile over {B} {W}.
13-material-conflict |; 150 |; V |; sail,fly/flew,send/sent |; military>through |; ex={A} {V} warships through the strait near {B} {W}.
13-material-conflict |; 154 |; V |; deploy,send/sent,move,station,mass |; troops>along |; ex={A} {V} troops along the border with {B} {W}.
13-material-conflict |; 154 |; V |; deploy,send/sent,move,dispatch |; military>to |; ex={A} {V} warships to the waters off {B} {W}.
13-material-conflict |; 152 |; V |; put,place |; troops>on |; ex={A} {V} its troops on high alert near {B} {W}.
13-material-conflict |; 151 |; V |; tighten,increase,step,boost,reinforce |; border>obj |; ex={A} {V} the border with {B} {W}.
# ---------------------------------------------------------------- 16 reduce relations
13-material-conflict |; 161 |; V |; recall,withdraw/withdrew,summon |; diplomats>obj |; ex={A} {V} its ambassador to {B} {W}.
13-material-conflict |; 161 |; N |; relations,ties |; sever,cut,break,suspend,downgrade,freeze>between |; det=diplomatic |; ex={A} {V} diplomatic {N} between {B} and Peru {W}.
13-material-conflict |; 161 |; V |; close,shut,shutter |; embassy>obj |; ex={A} {V} the {Bd} embassy {W}.
13-material-conflict |; 163 |; V |; impose,slap,announce,introduce,extend,expand,tighten,adopt,renew,reimpose,raise,hike |; sanctions>obj |; ex={A} {V} {Bd} tariffs {W}.
13-material-conflict |; 163 |; V |; ban,bar,block,suspend,halt |; economic>from |; ex={A} {V} imports from {B} {W}.
13-material-conflict |; 191 |; V |; close,shut |; border>obj |; ex={A} {V} the border with {B} {W}.
13-material-conflict |; 163 |; V |; close,shut |; border>to |; ex={A} {V} its airspace to {Bd} airlines {W}.
13-material-conflict |; 1621 |; V |; cut,suspend,halt,freeze/froze,stop,withhold,reduce,slash,end |; economic>for |; ex={A} {V} aid for {B} {W}.
13-material-conflict |; 1622 |; V |; cut,suspend,halt,freeze/froze,stop,withhold |; military>for |; ex={A} {V} arms deliveries for {B} {W}.
13-material-conflict |; 164 |; V |; suspend,halt,abandon,break/broke,freeze/froze,postpone,cancel,end |; talks>obj |; ex={A} {V} the talks with {B} {W}.
13-material-conflict |; 160 |; V |; revoke,scrap,annul,cancel,terminate,suspend,tear,renounce,rescind,ditch |; agreement>with |; ex={A} {V} a gas deal with {B} {W}.
13-material-conflict |; 166 |; V |; expel,oust |; diplomats>obj |; ex={A} {V} the {Bd} ambassador {W}.
13-material-conflict |; 166 |; V |; kick,throw/threw |; prt:out>diplomats>obj |; ex={A} {V} the {Bd} ambassador {W}.
13-material-conflict |; 166 |; V |; declare |; obj |; ex={A} declared the {Bd} ambassador persona non grata {W}.
# ---------------------------------------------------------------- 17 coerce
13-material-conflict |; 173 |; V |; round |; prt:up>obj |; ex={A} rounded up {Bd} activists {W}.
13-material-conflict |; 173 |; V |; arrest,detain,jail,imprison,hold |; activists>obj |; ex={A} {V} {Bd} opposition activists {W}.
13-material-conflict |; 173 |; N |; arrest,arrests,detention,detentions,roundup |; order,carry,make,announce>of |; ex={A} {V} the {N} of {Bd} activists {W}.
13-material-conflict |; 174 |; V |; deport,expel,repatriate,return,send/sent |; migrants>to |; ex={A} {V} migrants to {B} {W}.
13-material-conflict |; 172 |; V |; ban,outlaw,dissolve,suspend,shut,close |; media>obj |; ex={A} {V} the {Bd} broadcaster {W}.
13-material-conflict |; 1724 |; V |; declare,impose,proclaim,extend |; emergency>in |; ex={A} {V} {O} in the region bordering {B} {W}.
13-material-conflict |; 175 |; V |; fire,use,spray |; riot>obj |; ex=Police in {Aname} {V} tear gas to disperse the crowd {W}. |; expect=AA
13-material-conflict |; 171 |; V |; seize,detain,impound,board,intercept |; vessel>obj |; ex={A} {V} a {Bd} tanker {W}.
# ---------------------------------------------------------------- 18 assault
13-material-conflict |; 181 |; V |; abduct,kidnap,seize,capture |; victims>obj |; ex=Gunmen from {Aname} {V} {Bd} civilians {W}.
13-material-conflict |; 181 |; N |; abduction,kidnapping |; carry,claim,stage>of |; ex=Gunmen from {Aname} carried out the {N} of {Bd} aid workers {W}.
13-material-conflict |; 183 |; V |; bomb,blow/blew,detonate |; embassy>obj |; ex=Militants from {Aname} {V} the {Bd} embassy {W}.
# ---------------------------------------------------------------- 19 fight
13-material-conflict |; 195 |; V |; drop,rain,fire,launch,lob |; military>on |; ex={Ad} jets {V} bombs on {B} {W}.
13-material-conflict |; 195 |; V |; strike/struck,hit,target,attack,bomb |; military>obj |; ex={Ad} drones {V} {Bd} radar sites {W}.
13-material-conflict |; 195 |; N |; airstrikes,strikes,raids,bombing,bombardment |; launch,carry,conduct,mount,stage,intensify,unleash,order,step>in |; det=- |; ex={A} {V} {N} in {B} {W}.
13-material-conflict |; 194 |; V |; shell,bombard,pound |; territory>obj |; ex={Ad} artillery {V} the town in {B} {W}.
13-material-conflict |; 193 |; V |; shoot/shot,kill,fire |; troops>obj |; ex={Ad} snipers {V} two {Bd} soldiers {W}.
13-material-conflict |; 190 |; V |; attack,strike/struck,hit,raid,storm,target,shell,pound |; territory>obj |; ex={Ad} forces {V} the town in {B} {W}.
13-material-conflict |; 190 |; V |; cross,breach |; border>obj |; ex={Ad} troops {V} the border into {B} {W}.
13-material-conflict |; 190 |; V |; push,press,advance,cross |; into |; ex={Ad} forces {V} deeper into {B} {W}.
13-material-conflict |; 190 |; N |; incursion,invasion,offensive,advance,push |; launch,begin,mount,press,order>into |; ex={A} {V} an {N} into {B} {W}.
13-material-conflict |; 190 |; N |; war,fighting,conflict,hostilities |; wage,fight,resume,escalate>with |; det=- |; ex={A} {V} {N} with {B} {W}.
13-material-conflict |; 192 |; V |; occupy,annex,capture,seize,take/took,retake,recapture,overrun |; territory>from |; ex={Ad} troops {V} the town from {Bd} forces {W}.
13-material-conflict |; 191 |; V |; blockade,besiege,encircle,surround |; territory>obj |; ex={Ad} forces {V} the port city in {B} {W}.
13-material-conflict |; 196 |; V |; violate,breach,break/broke |; ceasefire>with |; ex={Ad} forces {V} the truce with {B} {W}.
13-material-conflict |; 190 |; V |; fire,shoot/shot |; on |; ex={Ad} troops {V} on {Bd} positions {W}.
10-cooperation |; 046 |; V |; negotiate,hammer |; agreement>obj |; ex={A} and {B} {V} a trade deal {W}.
10-cooperation |; 055 |; V |; apologise,apologize |; for |; ex={A} {V} for the border incident with {B} {W}.
10-cooperation |; 040 |; V |; meet/met,confer,talk |; intr |; tgt=with,between |; ex={A} and {B} {V} on the sidelines of the summit {W}.
# ---------------------------------------------------------------- more verbs and nouns (issue 9, second batch)
10-cooperation |; 032 |; V |; pledge,promise,offer,vow/vowed,guarantee |; support>to |; ex={A} {V} its support to {B} {W}.
10-cooperation |; 032 |; V |; pledge,promise,offer,vow/vowed,guarantee |; support>for |; ex={A} {V} full support for {B} {W}.
10-cooperation |; 0334 |; V |; pledge,promise,offer |; troops>to |; ex={A} {V} peacekeepers to {B} {W}.
10-cooperation |; 036 |; V |; propose,suggest,offer,seek |; talks>with |; ex={A} {V} talks with {B} {W}.
10-cooperation |; 036 |; N |; invitation,offer |; accept,extend,send,issue>from |; det=an |; ex={A} accepted an {N} from {B} {W}. |; src=from |; tgt=subj |; expect=BA
10-cooperation |; 040 |; V |; dine,lunch |; with |; who=official |; ex=The {Ad} president {V} with the leader of {B} {W}.
10-cooperation |; 050 |; V |; team,link,join |; prt:up>with |; ex={A} {V} up with {B} on climate policy {W}.
10-cooperation |; 051 |; V |; eulogise,eulogize,glorify,exalt,flatter |; obj |; ex={A} {V} {B} for its role in the peace process {W}.
10-cooperation |; 051 |; V |; uphold,reaffirm,affirm |; support>for |; ex={A} {V} its support for {B} {W}.
11-aid-yield |; 080 |; V |; bow,succumb,accede,submit |; to |; ex={A} {V} to pressure from {B} {W}.
12-verbal-conflict |; 111 |; V |; slander,defame,insult,smear,malign,revile,harangue,slur |; obj |; ex={A} {V} {B} in a speech {W}.
12-verbal-conflict |; 120 |; V |; oppose,resist,thwart,obstruct,stymie,frustrate,block |; proposal>obj |; ex={A} {V} the {Bd} plan {W}.
12-verbal-conflict |; 100 |; V |; insist |; on |; ex={A} {V} on compensation from {B} {W}.
13-material-conflict |; 173 |; V |; remand |; obj |; ex={A} {V} a {Bd} national {W}.
13-material-conflict |; 1721 |; V |; shut,close |; prt:down>media>obj |; ex={A} {V} the {Bd} broadcaster {W}.
13-material-conflict |; 1821 |; V |; rape,molest |; victims>obj |; ex=Soldiers from {Aname} {V} {Bd} women {W}.
13-material-conflict |; 185 |; V |; poison |; obj |; ex=Agents of {Aname} {V} a {Bd} dissident {W}.
13-material-conflict |; 190 |; V |; repel,repulse |; attack>obj |; ex={Ad} troops {V} a {Bd} assault {W}.
13-material-conflict |; 190 |; V |; torpedo,ram |; vessel>obj |; ex={Ad} warships {V} a {Bd} ship {W}.
13-material-conflict |; 195 |; V |; rocket,shell |; territory>obj |; ex={Ad} forces {V} the town in {B} {W}.
13-material-conflict |; 163 |; N |; sanctions,embargo,tariffs,restrictions,curbs,ban |; ->against |; ex={Aname}'s {N} against {B} came into force {W}.
13-material-conflict |; 163 |; N |; sanctions,embargo,tariffs,restrictions,curbs,ban,duties |; impose,slap,announce,introduce,extend,expand,tighten,reimpose>for |; det=- |; ex={A} {V} {N} for {B} {W}.
13-material-conflict |; 190 |; N |; attack,assault,raid,offensive,bombardment,shelling,strikes,airstrikes |; ->against |; ex={Aname}'s {N} against {B} began {W}.
13-material-conflict |; 190 |; N |; war,fighting,clashes,hostilities,conflict |; ->with |; det=- |; ex={Aname}'s {N} with {B} resumed {W}.
13-material-conflict |; 166 |; N |; expulsion,expulsions |; announce,order,carry,demand>of |; obj=diplomats |; ex={A} {V} the {N} of {Bd} diplomats {W}.
13-material-conflict |; 161 |; N |; recall |; announce,order>of |; obj=diplomats |; ex={A} {V} the {N} of its ambassador to {B} {W}.
12-verbal-conflict |; 114 |; N |; protest,complaint,note |; lodge,file,deliver,send,register,submit,hand>to |; ex={A} {V} a {N} to {B} {W}.
12-verbal-conflict |; 112 |; N |; accusation,allegation,charge,claim |; level,make,lodge,repeat,voice>at |; ex={A} {V} an {N} at {B} {W}.
12-verbal-conflict |; 130 |; N |; threat,warning,ultimatum |; issue,make,deliver,send,repeat>at |; ex={A} {V} a {N} at {B} {W}.
12-verbal-conflict |; 125 |; V |; reject,rebuff,spurn,refuse,decline |; talks>with |; ex={A} {V} talks with {B} {W}.
10-cooperation |; 042 |; N |; visit,trip,tour |; begin,make,pay,start,undertake,conclude,end,complete>of |; who=official |; ex=The {Ad} president {V} a {N} of {B} {W}.
10-cooperation |; 046 |; N |; negotiations,talks |; hold,conduct,begin,resume,open,continue>over |; det=- |; ex={A} {V} {N} with {B} over the border {W}.
11-aid-yield |; 0874 |; N |; withdrawal,pullout,pullback,retreat |; complete,begin,announce,order,start>of |; det=the |; obj=troops |; ex={A} {V} the {N} of its troops from {B} {W}.
11-aid-yield |; 073 |; N |; evacuation |; begin,complete,announce,order,carry>of |; det=the |; ex={A} {V} the {N} of {Bd} nationals from the war zone {W}.
13-material-conflict |; 174 |; N |; deportation,deportations,repatriation |; order,carry,begin,announce>to |; det=the |; ex={A} {V} the {N} of migrants to {B} {W}.
# ---------------------------------------------------------------- third batch: nominal events with their own parties, more verbs
10-cooperation |; 020 |; V |; adjure,enjoin,coax,cajole |; obj |; ex={A} {V} {B} to show restraint {W}.
10-cooperation |; 041 |; V |; ring/rang |; obj |; who=official |; ex=The {Ad} president {V} the leader of {B} {W}.
10-cooperation |; 041 |; N |; call,conversation,videoconference |; ->with |; who=official |; ex=The {Ad} president's {N} with the leader of {B} lasted an hour {W}.
10-cooperation |; 042 |; N |; tour |; ->of |; who=official |; ex=The {Ad} president's {N} of {B} ended {W}.
10-cooperation |; 050 |; N |; rapprochement,reconciliation,detente,normalisation,normalization |; ->with |; ex={Aname}'s {N} with {B} went ahead {W}.
10-cooperation |; 054 |; N |; recognition |; ->of |; ex={Aname}'s {N} of {B} as a state came {W}.
10-cooperation |; 060 |; N |; cooperation |; ->with |; ex={Aname}'s {N} with {B} began {W}.
10-cooperation |; 062 |; N |; exercises,drills,manoeuvres,maneuvers,patrols |; ->with |; ex={Aname}'s joint {N} with {B} began {W}.
11-aid-yield |; 0871 |; N |; ceasefire,truce,armistice |; ->with |; ex={Aname}'s {N} with {B} took effect {W}.
11-aid-yield |; 0841 |; N |; release,exchange,swap,handover |; ->of |; obj=detainee |; ex={Aname}'s {N} of {Bd} prisoners took place {W}.
11-aid-yield |; 0874 |; N |; withdrawal,pullout,retreat |; ->from |; ex={Aname}'s {N} from {B} ended {W}.
11-aid-yield |; 073 |; N |; aid,relief,assistance |; ->to |; det=- |; ex={Aname}'s {N} to {B} arrived {W}.
11-aid-yield |; 071 |; N |; loan,grant,bailout |; ->to |; ex={Aname}'s {N} to {B} came {W}.
11-aid-yield |; 072 |; N |; shipment,delivery,deliveries,transfer |; ->of |; obj=military |; ex={Aname}'s {N} of tanks to {B} began {W}. |; tgt=to
12-verbal-conflict |; 111 |; N |; criticism,condemnation,denunciation,censure,rebuke |; ->of |; ex={Aname}'s {N} of {B} drew a sharp response {W}.
12-verbal-conflict |; 112 |; N |; accusation,accusations,allegation,allegations |; ->against |; ex={Aname}'s {N} against {B} drew a sharp response {W}.
12-verbal-conflict |; 120 |; N |; rejection |; ->of |; ex={Aname}'s {N} of the {Bd} plan came {W}.
12-verbal-conflict |; 130 |; N |; threat,threats,warning |; ->against |; ex={Aname}'s {N} against {B} alarmed its neighbours {W}.
12-verbal-conflict |; 112 |; V |; implicate,incriminate |; obj |; ex={A} {V} {B} in the attack {W}.
12-verbal-conflict |; 128 |; V |; circumvent,evade,bypass,undermine,subvert |; sanctions>obj |; ex={A} {V} {Bd} sanctions {W}.
12-verbal-conflict |; 130 |; V |; terrorise,terrorize |; obj |; ex={A} {V} {B} with threats {W}.
13-material-conflict |; 166 |; N |; expulsion |; ->of |; obj=diplomats |; ex={Aname}'s {N} of {Bd} diplomats drew a sharp response {W}.
13-material-conflict |; 173 |; N |; arrest,arrests,detention |; ->of |; ex={Aname}'s {N} of a {Bd} journalist drew protests {W}.
13-material-conflict |; 174 |; N |; deportation,deportations |; ->of |; ex={Aname}'s {N} of {Bd} migrants drew protests {W}.
13-material-conflict |; 181 |; N |; kidnapping,abduction |; ->of |; ex={Aname}'s {N} of {Bd} aid workers drew protests {W}.
13-material-conflict |; 190 |; N |; incursion,invasion,advance,push |; ->into |; ex={Aname}'s {N} into {B} began {W}.
13-material-conflict |; 192 |; N |; occupation,annexation,seizure,capture |; ->of |; ex={Aname}'s {N} of the {Bd} region drew protests {W}.
13-material-conflict |; 191 |; N |; blockade,siege |; ->of |; ex={Aname}'s {N} of {B} went ahead {W}.
13-material-conflict |; 195 |; N |; airstrikes,bombing,bombardment |; ->on |; det=- |; ex={Aname}'s {N} on {B} went ahead {W}.
13-material-conflict |; 161 |; N |; break,rupture |; ->with |; ex={Aname}'s {N} with {B} came {W}.
13-material-conflict |; 154 |; N |; deployment,buildup,build-up |; ->near |; ex={Aname}'s military {N} near {B} went ahead {W}.
13-material-conflict |; 171 |; V |; requisition |; vessel>obj |; ex={A} {V} a {Bd} tanker {W}.
13-material-conflict |; 173 |; V |; handcuff,interrogate |; obj |; ex=Police in {Aname} {V} a {Bd} national {W}.
13-material-conflict |; 182 |; V |; whip,flog |; victims>obj |; ex=Militants from {Aname} {V} {Bd} villagers {W}.
13-material-conflict |; 1823 |; V |; decapitate,strangle |; obj |; ex=Gunmen from {Aname} {V} {Bd} villagers {W}.
13-material-conflict |; 170 |; V |; harass,intimidate |; vessel>obj |; ex={Ad} ships {V} a {Bd} vessel {W}.
10-cooperation |; 063 |; V |; hand |; prt:over>to |; ex={A} handed over a fugitive banker to {B} {W}.
11-aid-yield |; 073 |; V |; airlift,ferry |; victims>obj |; ex={A} {V} {Bd} civilians from the war zone {W}.
11-aid-yield |; 0861 |; V |; accept,allow/allowed,admit,welcome |; troops>from |; ex={A} {V} peacekeepers from {B} {W}.
12-verbal-conflict |; 129 |; V |; block |; proposal>obj |; ex={A} {V} a {Bd} resolution at the council {W}.
13-material-conflict |; 1661 |; V |; expel,eject,oust |; troops>obj |; ex={A} {V} {Bd} peacekeepers {W}.
13-material-conflict |; 1662 |; V |; expel,eject,oust |; inspectors>obj |; ex={A} {V} inspectors from {B} {W}.
12-verbal-conflict |; 111 |; V |; scapegoat,stigmatise,stigmatize,disown |; obj |; ex={A} {V} {B} in a speech {W}.
13-material-conflict |; 1823 |; V |; slay/slew |; obj |; ex=Gunmen from {Aname} {V} {Bd} villagers {W}.
13-material-conflict |; 190 |; V |; raid,storm,attack,strike/struck,hit/hit |; territory>in |; who=armed |; ex={Ad} troops {V} the town in {B} {W}.
13-material-conflict |; 193 |; V |; shoot/shot,kill,gun |; prt:down>obj |; ex={Ad} soldiers {V} two {Bd} fishermen {W}.
13-material-conflict |; 173 |; V |; arrest,detain,seize,capture,hold |; troops>obj |; ex={Ad} forces {V} {Bd} soldiers {W}.
13-material-conflict |; 192 |; V |; seize,capture,take/took,occupy,overrun |; border>obj |; ex={Ad} troops {V} the border crossing with {B} {W}.
13-material-conflict |; 191 |; V |; block,close,shut |; vessel>obj |; ex={A} {V} {Bd} ships from its ports {W}.
13-material-conflict |; 163 |; V |; freeze/froze,seize,confiscate |; assets>of |; ex={A} {V} the assets of {B} {W}.
12-verbal-conflict |; 1121 |; V |; accuse,charge |; crime>of |; ex={A} {V} {B} of corruption {W}.
10-cooperation |; 051 |; V |; thank,praise,commend,hail |; for |; ex={A} {V} {B} for its help after the floods {W}.
10-cooperation |; 057 |; V |; join,enter/entered |; agreement>obj |; ex={A} {V} the trade pact with {B} {W}.
13-material-conflict |; 164 |; V |; abandon,quit,exit,leave/left |; agreement>obj |; ex={A} {V} the nuclear deal with {B} {W}.
13-material-conflict |; 161 |; V |; downgrade,cut,sever |; diplomats>obj |; ex={A} {V} its diplomatic staff in {B} {W}.
11-aid-yield |; 0842 |; V |; return,restore,hand/handed,give/gave |; assets>to |; ex={A} {V} the frozen assets to {B} {W}.
10-cooperation |; 040 |; V |; consult,confer,huddle,parley |; among |; ex={A} {V} among {B}, Chile and Peru on the crisis {W}. |; tgt=among
10-cooperation |; 043 |; V |; welcome,greet,receive/received |; prt:in>obj |; who=state |; ex=The {Ad} government {V} the president of {B} {W}.
12-verbal-conflict |; 111 |; V |; criticise,criticize,condemn,denounce,decry,deplore,slam,blast |; over |; ex={A} {V} {B} over its nuclear programme {W}.
12-verbal-conflict |; 112 |; V |; accuse,blame |; over |; ex={A} {V} {B} over the border clash {W}.
12-verbal-conflict |; 114 |; V |; summon,call/called |; prt:in>diplomats>obj |; ex={A} {V} the {Bd} ambassador {W}.
12-verbal-conflict |; 130 |; V |; threaten,warn |; over |; ex={A} {V} {B} over its troop build-up {W}.
13-material-conflict |; 173 |; V |; arrest,detain,jail,imprison |; for |; ex={A} {V} a {Bd} national for spying {W}.
13-material-conflict |; 174 |; V |; deport,expel |; for |; ex={A} {V} a {Bd} national for spying {W}.
13-material-conflict |; 163 |; V |; sanction,blacklist,penalise,penalize |; over |; ex={A} {V} {B} over its nuclear programme {W}.
13-material-conflict |; 190 |; V |; attack,strike/struck,raid |; at |; who=armed |; ex={Ad} troops {V} at {Bd} positions {W}.
13-material-conflict |; 173 |; V |; lock |; prt:up>obj |; ex=Police in {Aname} locked up a {Bd} national {W}.
13-material-conflict |; 190 |; N |; fire,strike/strikes,airstrike/airstrikes,attack/attacks,shelling |; retaliate,respond>on |; det=- |; ex={A} {V} with {N} on {B} {W}.
12-verbal-conflict |; 111 |; V |; call/called,brand,label,dub,term,describe,denounce |; derogatory>obj |; ex={A} {V} the {Bd} government a threat to peace {W}.
10-cooperation |; 051 |; V |; call/called,describe,hail |; laudatory>obj |; ex={A} {V} the {Bd} decision an important step {W}.
10-cooperation |; 062 |; N |; exercises,drills,manoeuvres,maneuvers,patrols |; hold,conduct,stage,carry,begin,launch,start> |; det=joint |; ex={A} and {B} {V} joint {N} {W}.
"""
