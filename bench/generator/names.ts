/**
 * First names and surnames of the four populations a salon in the Benelux or Germany sees:
 * Flemish, French-speaking Belgian, Dutch and German. Lists run roughly from common to rare, so a
 * Zipf pick reproduces how often real names repeat. Written by hand (no faker), see BRIEF "The data".
 */
import { ZipfList } from './random.ts';
import type { Rng } from './random.ts';

export type Region = 'vl' | 'wa' | 'nl' | 'de';

interface RegionNames {
  female: ZipfList<string>;
  male: ZipfList<string>;
  child: ZipfList<string>;
  surnames: SurnamePool;
}

const words = (s: string): string[] => s.trim().split(/\s*,\s*/);

const VL_FEMALE =
  words(`Maria, Anne, Sofie, Els, Katrien, Lieve, Inge, Ann, Nathalie, Stephanie, Kristel, Veerle,
  Sarah, Liesbeth, Elisabeth, Hilde, Martine, Nancy, Caroline, Sandra, Evelien, Leen, Griet, Tine, Karolien,
  Joke, An, Annelies, Charlotte, Laura, Julie, Lotte, Ellen, Eline, Marleen, Christine, Ilse, Kathleen,
  Catharina, Johanna, Margaretha, Jozefien, Hanne, Femke, Nele, Shana, Kelly, Jana, Dominique, Sabine,
  Mieke, Greet, Rita, Godelieve, Lutgarde, Marijke, Valerie, Isabelle, Silke, Febe, Lien, Marie, Emma`);
const VL_MALE =
  words(`Jan, Peter, Tom, Bart, Koen, Kristof, Wim, Luc, Marc, Dirk, Geert, Steven, Pieter, Jeroen,
  Thomas, Stijn, Joris, Wouter, Dries, Hans, Johan, Filip, Patrick, Stefaan, Frank, Guy, Erik, Jef, Jos,
  Johannes, Willem, Hendrik, Jozef, Frans, Robbe, Arne, Sander, Kevin, Glenn, Jonas, Lukas, Michiel,
  Bram, Maarten, Gert, Yves, Kurt, Benny, Danny, Ronny, Nico, Ward, Jens, Seppe, Simon, Vincent, Dieter`);
const WA_FEMALE =
  words(`Marie, Nathalie, Isabelle, Sophie, Stéphanie, Valérie, Catherine, Christine, Sandrine,
  Véronique, Anne, Julie, Laurence, Caroline, Françoise, Martine, Céline, Aurélie, Audrey, Émilie,
  Élisabeth, Hélène, Chantal, Brigitte, Dominique, Mélanie, Camille, Manon, Chloé, Léa, Pauline, Charlotte,
  Sabrina, Murielle, Geneviève, Josiane, Danielle, Michèle, Noémie, Zoé, Margaux, Océane`);
const WA_MALE =
  words(`Jean, Philippe, Pierre, Michel, Marc, Christophe, Olivier, Thierry, Laurent, Nicolas, Frédéric,
  Éric, Didier, Patrick, Alain, Benoît, Sébastien, Julien, François, Vincent, Stéphane, Pascal, Bernard,
  Jacques, Daniel, Xavier, Grégory, Jérôme, Cédric, Maxime, Antoine, Thomas, Hugo, Louis, Noël, Luc, Yves,
  Fabrice, Raphaël, Arnaud, Quentin, Guillaume, Damien`);
const NL_FEMALE =
  words(`Maria, Anna, Johanna, Cornelia, Elisabeth, Wilhelmina, Sanne, Lisa, Anouk, Femke, Linda,
  Monique, Marieke, Esther, Ingrid, Sandra, Petra, Karin, Marloes, Renate, Ellen, Annemieke, Mirjam, Judith,
  Suzanne, Ilse, Kim, Lotte, Eva, Iris, Fleur, Sophie, Julia, Noor, Anne, Naomi, Yvonne, Wendy, Bianca,
  Manon, Margriet, Willemijn, Catharina, Hendrika, Geertruida, Jacoba, Liesbeth, Ria, Tineke, Joke`);
const NL_MALE =
  words(`Johannes, Jan, Cornelis, Hendrik, Pieter, Jacobus, Willem, Gerrit, Dirk, Kees, Henk, Piet,
  Bas, Mark, Martijn, Sander, Jeroen, Niels, Dennis, Ruud, Erik, Frank, Thijs, Tim, Jesse, Lars, Daan,
  Bram, Stefan, Marco, Michel, Rob, Joost, Wouter, Arjan, Remco, Wim, Hans, Theo, Frits, Klaas, Sjoerd,
  Maarten, Jeroen, Koen, Ruben, Rick, Bart, Vincent, Gijs`);
const DE_FEMALE =
  words(`Sabine, Susanne, Petra, Claudia, Andrea, Stefanie, Nicole, Katharina, Julia, Anna, Sandra,
  Birgit, Monika, Ursula, Renate, Gabriele, Christina, Melanie, Daniela, Tanja, Anja, Kerstin, Heike,
  Martina, Simone, Jessica, Lena, Laura, Lisa, Sarah, Jana, Franziska, Elisabeth, Johanna, Sophie, Marie,
  Hannah, Leonie, Bärbel, Margarete, Ingrid, Karin, Silke, Jutta, Doris`);
const DE_MALE =
  words(`Thomas, Michael, Andreas, Stefan, Christian, Markus, Peter, Frank, Klaus, Wolfgang, Jürgen,
  Matthias, Alexander, Daniel, Tobias, Sebastian, Jan, Florian, Tim, Lukas, Jonas, Maximilian, Felix, Paul,
  Leon, Uwe, Dieter, Günter, Hans, Johannes, Wilhelm, Friedrich, Heinrich, Karl, Bernd, Holger, Ralf,
  Sven, Dirk, Torsten, Jörg, Björn, Moritz, Niklas, Philipp, Benedikt`);
const VL_CHILD =
  words(`Noah, Emma, Olivia, Louise, Mila, Liam, Arthur, Jules, Lucas, Adam, Nora, Ella, Mia, Lina,
  Juliette, Elena, Victor, Finn, Lars, Vic, Mats, Ferre, Lou, Marthe, Fleur, Jack, Kobe, Wout, Roos, Fenne`);
const WA_CHILD =
  words(`Louise, Alice, Léa, Olivia, Emma, Lina, Mila, Juliette, Romane, Inès, Arthur, Louis, Jules,
  Gabriel, Noah, Léon, Lucas, Théo, Victor, Adam, Nathan, Hugo, Sacha, Zoé`);
const NL_CHILD =
  words(`Emma, Julia, Mila, Tess, Sophie, Zoë, Sara, Nora, Yara, Eva, Liv, Lotte, Noah, Sem, Liam, Lucas,
  Luuk, Daan, Levi, Finn, Milan, Mees, Bram, Jens, Thijs, Saar, Fenna, Jip, Siem, Ties`);
const DE_CHILD =
  words(`Mia, Emilia, Hannah, Emma, Sofia, Lina, Ella, Clara, Lea, Marie, Noah, Leon, Paul, Ben, Finn,
  Elias, Felix, Henry, Luis, Jonas, Emil, Theo, Anton, Mats, Ida, Greta, Frieda, Lotta, Matteo, Jakob`);

const VL_SURNAMES =
  words(`Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Smet,
  Dubois, Lambert, Vermeulen, Hermans, Van den Broeck, Pauwels, Aerts, Van Damme, Martens, Michiels, Claeys,
  Desmet, Van de Velde, Janssen, Verstraete, Cools, Smets, Hendrickx, Van Dyck, Wuyts, De Clercq, Segers,
  Vandenberghe, Van Acker, Coppens, Leemans, Baert, Verhoeven, Stevens, Thys, De Backer, Mahieu, Vervoort,
  Van Hoof, Verbruggen, De Wilde, Bogaerts, Van der Meulen, Van den Bossche, De Cock, Verheyen, Lemmens,
  Vandamme, De Meyer, Geerts, Van Hove, Pieters, Moens, Van Laere, Van Steen, Vanhoutte, Huysmans, Wachters,
  Van Gucht, De Vos, Van Looy, Dierckx, Luyten, Verlinden, Schepers, D'Hondt, Van Mol, Callebaut`);
const WA_SURNAMES =
  words(`Dubois, Lambert, Dupont, Martin, Simon, Laurent, Leclercq, Dumont, Lejeune, Renard, Collard,
  Lemaire, Denis, François, Dupuis, Fontaine, Lefebvre, Gérard, Mathieu, Thiry, Marchal, Noël, Henry,
  Hubert, Masson, Lecomte, Charlier, Delvaux, Jacquet, Piette, Bodart, Goffin, Wauters, Hardy, Rousseau,
  Lemoine, Delhaye, Mercier, Dethier, De Wilde, Van den Bossche, Claes, Lecocq, Maréchal, Gillet`);
const NL_SURNAMES =
  words(`de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer,
  de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra,
  Smits, de Graaf, van der Meer, van der Linden, Kok, Jacobs, de Haan, Vermeulen, van den Heuvel,
  van der Veen, van den Broek, de Bruijn, de Bruin, van der Heijden, Schouten, van Beek, Willems, van Vliet,
  van de Ven, Hoekstra, Maas, Verhoeven, Koster, van Dam, van der Wal, Prins, Blom, Huisman, Peeters,
  de Lange, Kuipers, van Wijk, Post, Kuiper, Veenstra, Kramer, van den Brink, Scholten, van der Meulen,
  Vink, Postma, Boer, Haan, Groen, van Rijn, Sanders, Bosman, van Doorn`);
const DE_SURNAMES =
  words(`Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann,
  Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann,
  Hartmann, Lange, Schmitt, Werner, Schmitz, Krause, Meier, Lehmann, Schmid, Schulze, Maier, Köhler,
  Herrmann, König, Walter, Mayer, Huber, Kaiser, Fuchs, Peters, Lang, Scholz, Möller, Weiß, Jung, Hahn,
  Schubert, Vogel, Friedrich, Keller, Günther, Frank, Berger, Winkler, Roth, Beck, Lorenz, Baumann,
  Franke, Albrecht, Schuster, Simon, Ludwig, Böhm, Winter, Kraus, Martin, Schumacher, Krämer, Vogt,
  Stein, Jäger, Otto, Sommer, Groß, Seidel, Heinrich, Brandt, Haas, von der Heide, von Bergen, Janßen`);

/**
 * Building blocks of the rarer surnames that make up most of a real population: an optional particle,
 * a syllable (onset + vowel) and an ending, in each region's spelling. Tens of thousands of
 * combinations, each as likely as the next, stand in for the long tail no hand-written list can hold.
 * Every region's tail is about as long as the others' (SurnamePool.tailAgreement: two people drawn from
 * it share a name about once in 25,000–35,000 pairs); Germany, with the most surnames of the four,
 * must not have the shortest.
 */
interface SurnameParts {
  particles: readonly string[];
  onsets: readonly string[];
  vowels: readonly string[];
  endings: readonly string[];
}

const SURNAME_PARTS: Readonly<Record<Region, SurnameParts>> = {
  vl: {
    particles: ['', '', '', '', 'Van ', 'Van ', 'De ', 'De ', 'Van de ', 'Van den ', 'Ver', 'Vande'],
    onsets: words(`B, D, G, H, K, L, M, N, P, R, S, T, V, W, Br, Dr, Gr, Kl, Kr, Pr, Sl, Sm, St, Tr, Vl, Wr`),
    vowels: words(`a, e, i, o, u, ae, ee, ie, oe, ou, ui, ey, y, aa`),
    endings: words(`ck, ckx, ns, rts, ls, ghe, ge, ke, mans, ert, ens, rs, ets, lle, nck, ssens, rdt`),
  },
  wa: {
    particles: ['', '', '', '', '', 'De ', 'Du ', 'Le ', 'La '],
    onsets: words(
      `B, C, D, F, G, J, L, M, N, P, R, S, T, V, Bl, Br, Ch, Cl, Fr, Gr, Pl, Tr, H, Gu, Cr, Dr, Gl, Qu, Vr`,
    ),
    vowels: words(`a, e, i, o, ou, au, ai, é, eu, oi, an, on, è`),
    endings: words(
      `in, et, ard, ot, ier, eau, and, aux, elle, ois, on, ant, lot, rie, quet, mont, court, ette, ault,
      iaux, illon, ert, as, oux, ence, ès, bert, ville, gnon, chet, ras, ons`,
    ),
  },
  nl: {
    particles: ['', '', '', '', 'van ', 'van ', 'de ', 'de ', 'van der ', 'van den ', 'van de ', 'ter '],
    onsets: words(`B, D, G, H, K, L, M, N, P, R, S, T, V, W, Z, Br, Dr, Gr, Kl, Kr, Sch, Sl, Sm, St, Sp`),
    vowels: words(`a, e, i, o, u, aa, ee, ie, oo, oe, ou, ui, ij, ei, eu`),
    endings: words(`stra, ma, sma, inga, ink, huis, man, sen, er, ers, kamp, veld, hof, ling, kes, mer, ts`),
  },
  de: {
    particles: ['', '', '', '', '', '', '', '', '', 'von '],
    onsets: words(
      `B, D, F, G, H, K, L, M, N, P, R, S, T, W, Z, Br, Fr, Gr, Kl, Kr, Pf, Sch, Schw, St, Str, Bl, Dr, Gl,
      Kn, Pl, Schl, Schm, Schn, Sp, Tr, J, V`,
    ),
    vowels: words(`a, e, i, o, u, ä, ö, ü, ei, au, ie, eu, aa, ee, oo, ah, eh`),
    endings: words(
      `mann, er, ler, ner, hoff, berg, feld, bach, inger, rich, ke, el, hardt, stein, bauer, dorf, hofer,
      huber, wald, brand, hagen, meister, kamp, haus, reiter, lein, ling, moser, wieser, brecht, bold,
      mund, beck, burg, mer, ter, sel, rer, lich, wig, bruch, roth, heim, busch, acker`,
    ),
  },
};

/**
 * Surnames as often as they occur in a real population. Even the most common surname is rare: Peeters
 * is carried by well under 1% of Flemings, De Jong by about 0.5% of the Dutch, Müller by about 0.3% of
 * Germans, and a region's hundred most common names together cover only some 10–20% of its people.
 * The hand-written list is that head (15% of picks, mildly skewed so its first names are the most
 * common at about 1%); the other picks come from the region's building blocks. A Zipf pick over the
 * list alone would give every fifth Fleming the name Peeters and make distinct people with one full
 * name two orders of magnitude more common than in any real file.
 */
export class SurnamePool {
  static readonly HEAD_SHARE = 0.15;
  readonly items: readonly string[];
  private readonly head: ZipfList<string>;
  private readonly parts: SurnameParts;

  constructor(items: readonly string[], parts: SurnameParts) {
    this.items = items;
    this.head = new ZipfList(items, 0.5);
    this.parts = parts;
  }

  pick(rng: Rng): string {
    if (rng.chance(SurnamePool.HEAD_SHARE)) return this.head.pick(rng);
    const { particles, onsets, vowels, endings } = this.parts;
    return SurnamePool.compose(rng.pick(particles), rng.pick(onsets) + rng.pick(vowels) + rng.pick(endings));
  }

  private static compose(particle: string, stem: string): string {
    // A particle glued to the name ("Verhaeghe", "Vandeputte") lower-cases the stem.
    return /\s$/.test(particle) || particle === '' ? particle + stem : particle + stem.toLowerCase();
  }

  /** The chance that two picks from the tail (not the head) give the same surname. */
  tailAgreement(): number {
    const { particles, onsets, vowels, endings } = this.parts;
    const p = 1 / (particles.length * onsets.length * vowels.length * endings.length);
    const chance = new Map<string, number>();
    for (const particle of particles)
      for (const onset of onsets)
        for (const vowel of vowels)
          for (const ending of endings) {
            const name = SurnamePool.compose(particle, onset + vowel + ending).toLowerCase();
            chance.set(name, (chance.get(name) ?? 0) + p);
          }
    let agreement = 0;
    for (const q of chance.values()) agreement += q * q;
    return agreement;
  }
}

const build = (
  region: Region,
  female: string[],
  male: string[],
  child: string[],
  surnames: string[],
): RegionNames => ({
  female: new ZipfList(female),
  male: new ZipfList(male),
  child: new ZipfList(child),
  surnames: new SurnamePool(surnames, SURNAME_PARTS[region]),
});

export const NAMES: Readonly<Record<Region, RegionNames>> = {
  vl: build('vl', VL_FEMALE, VL_MALE, VL_CHILD, VL_SURNAMES),
  wa: build('wa', WA_FEMALE, WA_MALE, WA_CHILD, WA_SURNAMES),
  nl: build('nl', NL_FEMALE, NL_MALE, NL_CHILD, NL_SURNAMES),
  de: build('de', DE_FEMALE, DE_MALE, DE_CHILD, DE_SURNAMES),
};

/**
 * Formal names and the short forms people give at the desk. A duplicate made with the "nickname"
 * error replaces the formal name by one of these (or the other way round).
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Elisabeth: ['Liesbeth', 'Els', 'Lisa', 'Elise', 'Betty'],
  Johannes: ['Jan', 'Hans', 'Johan', 'Joop'],
  Catharina: ['Katrien', 'Karin', 'Trien', 'Kathy'],
  Katharina: ['Katja', 'Kathi', 'Kati', 'Karin'],
  Margaretha: ['Greet', 'Griet', 'Margriet', 'Grietje'],
  Maria: ['Marie', 'Mia', 'Ria', 'Marieke'],
  Johanna: ['Anja', 'Hanna', 'Jo', 'Joke'],
  Cornelis: ['Kees', 'Cor', 'Niels'],
  Cornelia: ['Cora', 'Corrie', 'Nelleke'],
  Hendrik: ['Henk', 'Rik', 'Hein'],
  Jacobus: ['Jaap', 'Koos', 'Sjaak'],
  Willem: ['Wim', 'Pim'],
  Wilhelmina: ['Mien', 'Willemijn', 'Wilma'],
  Pieter: ['Piet', 'Peter'],
  Jozef: ['Jef', 'Jos', 'Sus'],
  Frans: ['Sus', 'Frank'],
  Stephanie: ['Steffi', 'Steph'],
  Stefanie: ['Steffi'],
  Stéphanie: ['Steph', 'Fanny'],
  Alexander: ['Alex', 'Sander'],
  Thomas: ['Tom', 'Thom'],
  Michael: ['Micha', 'Michi'],
  Matthias: ['Matze', 'Mathias'],
  Andreas: ['Andi', 'Andy'],
  Christine: ['Tine', 'Christa'],
  Christina: ['Tina', 'Chris'],
  Kristof: ['Kris', 'Stof'],
  Christophe: ['Chris'],
  Nicolas: ['Nico', 'Nick'],
  Dominique: ['Domi'],
  Geertruida: ['Truus', 'Trudy'],
  Hendrika: ['Riek', 'Rika'],
  Jacoba: ['Coby', 'Co'],
  Jozefien: ['Fien', 'José'],
  Isabelle: ['Isa', 'Bella'],
  Valérie: ['Val'],
  Frédéric: ['Fred'],
  Friedrich: ['Fritz'],
  Heinrich: ['Heinz'],
  Wilhelm: ['Willi'],
  Maximilian: ['Max'],
  Benedikt: ['Ben'],
  Daniel: ['Dani'],
  Caroline: ['Carolien', 'Lien'],
  Annelies: ['Lies', 'Anneke'],
  Godelieve: ['Lieve'],
  Lutgarde: ['Lut'],
};

/**
 * Spellings that sound the same. Used both ways: any member of a group may be replaced by another.
 * The rule-based fallback in spelling.ts covers names that are in no group.
 */
export const PHONETIC_GROUPS: readonly (readonly string[])[] = [
  ['Stephanie', 'Stefanie', 'Stéphanie', 'Stefani'],
  ['Wachters', 'Wahters', 'Waghters'],
  ['Claes', 'Claeys', 'Claess', 'Klaes'],
  ['Mertens', 'Maertens', 'Martens', 'Mertes'],
  ['Jansen', 'Janssen', 'Janssens', 'Jansens'],
  ['Meyer', 'Meier', 'Maier', 'Mayer', 'Meijer'],
  ['Schmidt', 'Schmitt', 'Schmid', 'Schmit'],
  ['Peeters', 'Peters', 'Pieters'],
  ['Hendrickx', 'Hendrikx', 'Hendrix', 'Hendriks'],
  ['Goossens', 'Goosens', 'Gossens'],
  ['Dekker', 'Decker'],
  ['Smits', 'Smidts', 'Schmitz'],
  ['Christophe', 'Kristof', 'Christof', 'Kristoff'],
  ['Katrien', 'Katrijn', 'Catrien'],
  ['Caroline', 'Karolien', 'Carolien', 'Karoline'],
  ['Sofie', 'Sophie', 'Sofi', 'Sophy'],
  ['Kristel', 'Christel', 'Krystel'],
  ['Kathleen', 'Cathleen', 'Katleen'],
  ['Philippe', 'Filip', 'Philip', 'Phillip'],
  ['Marc', 'Mark', 'Marck'],
  ['Erik', 'Eric', 'Erick'],
  ['Nathalie', 'Natalie', 'Nathaly'],
  ['Claudia', 'Klaudia'],
  ['Nicole', 'Nikol', 'Nicol'],
  ['Ilse', 'Ilze'],
  ['Joris', 'Jorris'],
  ['Stefan', 'Stephan', 'Steffen'],
  ['Stefaan', 'Stephaan'],
  ['Hilde', 'Hilda'],
  ['Dirk', 'Dierk'],
  ['Wouters', 'Wauters'],
  ['Maes', 'Maas'],
  ['Vermeulen', 'Vermeule', 'Vermeulem'],
  ['De Vries', 'de Vriess', 'Devries'],
  ['Müller', 'Mueller', 'Muller', 'Möller'],
  ['Hoffmann', 'Hofmann', 'Hoffman'],
  ['Schulz', 'Schultz', 'Schulze'],
  ['Fischer', 'Fisher', 'Vischer'],
  ['Lefebvre', 'Lefèvre', 'Lefevre'],
];
