/**
 * Given names that belong to the same person: the formal (baptismal) name, its short forms and its
 * Dutch, French, German and English variants. A Flemish "Jozef" is called "Jef" or "Jos" at the salon;
 * a Dutch "Johannes" signs as "Jan", "Hans" or "Johan". Names are written folded (lower case, no
 * accents). A name may sit in several groups (Jos: Jozef and Jozefien are both not Johannes); two
 * names are nicknames of each other when they share at least one group.
 *
 * Deliberately absent: pairs that only share a sound (Koen is Koenraad, never Jacobus).
 */
import { foldText, foldUmlautSpelling } from './text.ts';

const GROUPS: readonly string[] = [
  // Dutch / Flemish / German / French / English female
  'elisabeth elizabeth elisabet elsbeth liesbeth liesbet lisbeth lies els elske elise lisa liza lise betty bettina bep beth liz lizzy sissi isabel isabelle babette elsa ilse',
  'catharina catherina catherine katharina katherine kathrin katrin katrien katrijn karin kathy cathy katja kaatje trijntje trien tineke kate katie kitty caterina kathi kati',
  'margaretha margareta margarethe margarete margaret margriet greet greetje griet grietje gretha grete gretchen gretel margot maggie meg peggy marga grietje marjorie',
  'johanna joanna johanne jeanne jeannette hanna hannah hanne anke anja janneke jo joke jannie hansje',
  'maria marie mary mia miep mieke mie ria rietje marietje mariette marieke maja mitzi',
  'anna anne ann annie anneke anja annette antje ans anke annemie nancy',
  'wilhelmina willemina willemijn mina mien wil wilma willy minnie helmi',
  'cornelia cornelie corrie cora cor nel nelly nelleke neeltje lia',
  'hendrika henderika riek rieka rika hennie henny jet',
  'geertruida gertrude gertrud geertje truus trudy trudi truida gerda',
  'jacoba jacomina coba coby jacky jacqueline jacquelien co',
  'adriana adrienne adriane jaantje janny',
  'petronella pietronella nel nella pietje petra pieternel',
  'josephine jozefien josefine josephina fien fientje jose josje',
  'francisca franciska franziska francoise fanny frances francine cisca',
  'christina christine christien kristien kristine kristina kirsten stien stine tine tina tini christa chris',
  'caroline carolina karolien carolien karoline carla lien lientje carol',
  'susanne suzanne susanna suzanna suus suzy sanne susan sue',
  'alexandra alexa sandra sandrine sasha',
  'gabriele gabriella gabrielle gaby gabi',
  'dorothea dorothee dorothy doris dora thea',
  'theodora dora thea teddy',
  'helena helene hélène lena leni elena eleonora eleonore ellen nelleke lenie ella',
  'magdalena madeleine madelon magda lena leni',
  'barbara babs bärbel barbel barbie',
  'rebecca becky becca',
  'veronique veronika veronica vera',
  'dominique domi',
  'godelieve lieve lief',
  'lutgarde lutgard lut',
  'emilie emily emilia emmy milly',
  'ursula ulla uschi',
  'agnes agneta neske',
  'angelique angela angelika angie',
  'antonia antoinette toos toni',
  'bernadette bernarda detta',
  'beatrix beatrice bea trix',
  'charlotte lotte lotta charlie carlotta',
  'clementine clemence',
  'constance constanze stanzi',
  'eveline evelien evelyn eva evi',
  'frederique frederike frieda rieke',
  'gerarda gerda',
  'henriette henriëtte jet jetty jette',
  'isabella isabelle isabel bella isa',
  'jozefa jozefien',
  'juliana julia julie juliette jule',
  'louisa louise luisa loes loesje wies',
  'mathilde mathilda tilly tilde',
  'nathalie natalie natalia natascha',
  'patricia patty trish',
  'paulina pauline paula',
  'rosalie rosalia rosa roos',
  'sofia sophia sophie fie',
  'suzette suzy',
  'valerie val',
  'victoria vicky',
  'wilhelmien mien',
  'zoe zoey',
  // male
  'johannes johann johan john jan hans hannes jo joop jean jens hans jannes janus jack johnny jon ivan sean',
  'wilhelmus willem wilhelm wim pim william bill billy will willy willi guillaume guillermo',
  'hendrik hendricus henricus heinrich henri henry henk hein heinz rik harry hank',
  'jacobus jakobus jacob jakob jaap jaak sjaak koos kobus jacques james jim jimmy jacky',
  'cornelis cornelius kees cees cor corneel neel niels',
  'petrus peter pieter piet pierre pete peer',
  'gerardus gerhard gerard gerrit gert geert gerd',
  'adrianus adriaan adrien arie aad adrian',
  'antonius anton antoon toon tony anthony antoine antonio',
  'franciscus frans francois frank franz francesco',
  'josephus jozef joseph josef jef jos sepp joep józef jose pepe',
  'theodorus theodoor theo ted teddy dorus',
  'nicolaas nicolas nikolaus niklas nico klaas klaus claus niels nick',
  'bartholomeus bartholomaus bart bartel',
  'christiaan christian chris christophe christof christoph kristof kris stof stoffel',
  'dirk dirck diederik dietrich dieter derk',
  'johan johannes jo',
  'koenraad coenraad konrad conrad koen kurt',
  'lodewijk ludovicus louis ludwig lode lou',
  'leonardus leonard leo leon lennart',
  'marinus marijn rien',
  'martinus martin maarten tinus',
  'matthias mathias matthijs thijs mathieu matteo mats matt matze',
  'michael michiel michel mike michi micha',
  'robert rob robbie bob bobby robrecht rupert bert',
  'albert albertus bert appie',
  'hubertus hubert huub bert',
  'gijsbert gijs bert',
  'lambertus lambert bert',
  'engelbert bert',
  'richard rick ricky rich dick',
  'edward eduard edouard ed eddie ted ward',
  'frederik frederick friedrich fritz frits fred freddy frédéric',
  'alexander alexandre alex sander xander sasha',
  'stefan stephan stefaan stephane steven stephen steve',
  'thomas tom tommy thom',
  'benjamin ben benny',
  'daniel daan dani danny dan',
  'david dave davy',
  'philippe philip filip phillip phil flip',
  'emmanuel immanuel manu manuel',
  'guillaume willem',
  'laurentius laurens lorenz laurent lars',
  'augustinus augustin gust guust',
  'desiderius desire',
  'ignatius ignace naas',
  'leopold poldi pol',
  'aloysius alois louis wies',
  'rudolf rudolph ruud rudi dolf',
  'reinier reinhard rainer',
  'wolfgang wolf',
  'jurgen jürgen jorg georg george joris jorge sjors',
  'gregorius gregory gregoire',
  'benedictus benedikt bene ben',
  'maximilian maximiliaan max maxime',
  'sebastiaan sebastian bas basti sebastien',
  'jeroen hieronymus',
  'arnold arnoud arno nol',
  'gustaaf gustave gustav guus',
  'ferdinand ferdi nand',
  'norbert nobby',
  'raymond raymund ray mon',
  'roeland roland',
  'valentijn valentin',
  'vincent vince',
  'willibrord wil',
  'zacharias zach',
  'timotheus timothy timo tim',
  'lucas lukas luc luuk luke',
  'marcus markus marc mark',
  'paulus paul pauw',
  'simon siem',
  'samuel sam sammy',
  'jozua joshua josh',
  'kristiaan kris',
  'andreas andre andré andries dries andrew andy andi',
  'carolus karel karl carl charles charlie',
  'ludger lutger',
  'hermanus herman hermann manus',
  'abraham bram abe',
  'gijsbertus gijs',
  'egbert ep',
  'everardus evert',
  'henricus rico',
  'jozef jozefien jos sus',
  'fransiscus franciscus frans sus',
  'willibald willi',
  'harold harry',
  'patrick patrice paddy pat',
  'anthonie anton',
  'benoit benedictus',
  'etienne stefaan stephane',
  'gilles gillis',
  'guido guy',
  'jean-pierre jp',
  'olivier oliver olli',
  'quentin quinten',
  'xavier xaver',
  'yves ivo',
  'stephanie stephany steffi steffie steph fanny',
  'stefanie steffi steffie',
  'annelies annelie anneliese lies anneke',
  // English hypocorisms (old registers and British customers)
  'theodore theo ted teddy',
  'edward edmund edwin ned ted eddie',
  'joseph joe joey jos',
  'herbert albert bert bertie',
  'arthur art artie',
  'alfred alf alfie fred freddie',
  'francis frank frankie',
  'charles chas charlie chuck',
  'geoffrey godfrey geoff',
  'nicholas nick nicky',
  'ronald ron ronnie',
  'walter walt wally',
  'ellen eleanor helen nell nellie nelly',
  'mary polly molly mamie',
  'sarah sally sadie',
  'elizabeth bess bessie betsy lizzie eliza libby',
  'augustus augustine gus gustav gustaaf',
  'matthew matt matty',
  'christopher kit kitt',
  'archibald archie',
  'reginald reg reggie',
  'percival percy',
  'cuthbert bertie',
  'gilbert gil',
  'leonard len lenny',
  'lawrence laurence larry laurie',
  'montague montgomery monty',
  'nathaniel nathan nat',
  'oliver ollie',
  'rupert rupe',
  'sidney sydney sid',
  'victor vic',
  'abigail abby',
  'agnes aggie nessie',
  'alice allie',
  'amelia millicent millie',
  'caroline carrie',
  'charlotte lottie lotte',
  'constance connie',
  'dorothy dolly dot dottie',
  'esther hetty',
  'florence flo florrie',
  'georgina georgiana georgie',
  'harriet hattie',
  'henrietta etta hetty',
  'jane jenny jennie janey',
  'joan joanie',
  'josephine josie',
  'louisa louise lou lulu',
  'lucy lulu',
  'martha patty mattie',
  'matilda mathilde tilly tilda',
  'maud maude',
  'patricia patrick pat patsy',
  'penelope penny',
  'susanna susannah sukey',
  'theresa teresa therese tess tessa',
  'winifred winnie',
  'ernest ernst ernie',
  'hugh hughie hugo',
  'ignatius iggy',
  'jeremiah jeremy jerry',
  'gerald gerard gerry jerry',
  'jonathan jon',
  'lewis louis lew lou',
  'mortimer mort',
  'norman norm',
  'oswald ozzy',
  'randolph randall randy',
  'roderick rod roddy',
  'roger rodge',
  'solomon sol',
  'stanley stan',
  'terence terry',
  'wilfred wilfrid wilf',
  'zachary zacharias zack',
  'humphrey humph',
  'evelyn eve evie',
  'gertrude gertie',
  'cecily cecilia cissie cissy',
  'ada addie',
];

const index: Map<string, number[]> = new Map();
GROUPS.forEach((line, g) => {
  for (const name of line.split(/\s+/)) {
    const folded = foldUmlautSpelling(foldText(name).replace(/ /g, ''));
    if (folded === '') continue;
    const list = index.get(folded);
    if (list === undefined) index.set(folded, [g]);
    else if (!list.includes(g)) list.push(g);
  }
});

/** The folded names of each group, for the typo check below. */
const members: string[][] = GROUPS.map(() => []);
for (const [name, groups] of index) for (const g of groups) members[g]?.push(name);

/** One slip apart: a letter left out, added or changed, or two neighbours swapped (Damerau). */
export function oneSlipApart(x: string, y: string): boolean {
  if (x === y) return false;
  const lx = x.length;
  const ly = y.length;
  if (Math.abs(lx - ly) > 1) return false;
  let i = 0;
  while (i < lx && i < ly && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  if (lx === ly) {
    if (x.slice(i + 1) === y.slice(i + 1)) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
  }
  return lx > ly ? x.slice(i + 1) === y.slice(i) : x.slice(i) === y.slice(i + 1);
}

/**
 * Whether `name` is one slip away from a form in `groups` ("jihanna" for Johanna in the group of Anja,
 * "mihcael" for Michael in the group of Michi). Names and forms of fewer than four letters are left
 * out: between short names one letter is another name (Tim, Tom; Mia, Mila).
 */
export function nearNicknameForm(name: string, groups: readonly number[]): boolean {
  if (name.length < 4) return false;
  for (const g of groups) {
    for (const form of members[g] ?? []) {
      if (form.length >= 4 && form.charCodeAt(0) === name.charCodeAt(0) && oneSlipApart(name, form))
        return true;
    }
  }
  return false;
}

/** The nickname groups a folded given name belongs to (empty when unknown). */
export function nicknameGroups(foldedFirstName: string): number[] {
  return index.get(foldedFirstName) ?? [];
}

/** Number of groups in the table (documented in docs/matching.md). */
export const NICKNAME_GROUP_COUNT = GROUPS.length;

/** True when both names share a nickname group. */
export function areNicknames(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}
