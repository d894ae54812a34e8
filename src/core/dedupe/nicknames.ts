/** Short forms of given names, in the four languages of the CRM, written folded (no accents, lower case,
 *  hyphens as spaces). Only forms that point to one given name are listed: 'alex', 'sam', 'chris', 'pat',
 *  'dani', 'fran' or 'manu' stand for a man's or a woman's name (or two names), and a wrong guess would
 *  merge two people, so they are left to the string similarity. Spelling variants of one name ('kathryn',
 *  'catherine') point to the same canonical form too. */
const NICKNAMES: Record<string, string[]> = {
  // English
  william: ['bill', 'billy', 'will', 'willy', 'willie'],
  robert: ['bob', 'bobby', 'rob', 'robbie'],
  elizabeth: ['liz', 'lizzie', 'lizzy', 'beth', 'betty', 'bette', 'betsy', 'eliza', 'elisabeth'],
  katherine: ['kate', 'katie', 'kathy', 'cathy', 'kat', 'kathryn', 'katharine', 'catherine'],
  james: ['jim', 'jimmy', 'jimmie'],
  michael: ['mike', 'mikey', 'mick', 'mickey'],
  thomas: ['tom', 'tommy'],
  richard: ['dick', 'rich', 'richie', 'rick', 'ricky'],
  david: ['dave', 'davy'],
  daniel: ['dan', 'danny'],
  stephen: ['steve', 'stevie', 'steven'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  edward: ['eddie', 'ned'],
  joseph: ['joe', 'joey'],
  charles: ['chuck', 'charlie'],
  john: ['johnny'],
  nicholas: ['nick', 'nicky'],
  matthew: ['matt'],
  margaret: ['maggie', 'meg', 'peggy', 'margie'],
  susan: ['sue', 'susie', 'suzy'],
  jennifer: ['jen', 'jenny'],
  rebecca: ['becky', 'becca'],
  abigail: ['abby'],
  benjamin: ['ben', 'benny'],
  gregory: ['greg'],
  timothy: ['tim', 'timmy'],
  peter: ['pete'],
  philip: ['phil', 'phillip'],
  victoria: ['vicky', 'vikki'],
  deborah: ['debbie', 'debby', 'debra'],
  frederick: ['fred', 'freddie', 'freddy'],
  ronald: ['ron', 'ronnie'],
  donald: ['don', 'donnie'],
  douglas: ['doug'],
  kenneth: ['ken', 'kenny'],
  raymond: ['ray'],
  walter: ['walt'],
  lawrence: ['larry'],
  jonathan: ['jon'],
  // French
  'jean baptiste': ['jb'],
  isabelle: ['zaza'],
  // Spanish
  jose: ['pepe', 'pepito'],
  josefa: ['pepa'],
  francisco: ['paco', 'paquito', 'curro', 'pancho', 'chico', 'xico', 'chiquinho'],
  dolores: ['lola', 'loli'],
  ignacio: ['nacho'],
  guadalupe: ['lupe'],
  'jose maria': ['chema'],
  'jose antonio': ['josete'],
  concepcion: ['concha', 'conchi', 'conchita'],
  rosario: ['charo'],
  enrique: ['quique'],
  consuelo: ['chelo'],
  pilar: ['pili'],
  'maria teresa': ['maite', 'mayte'],
  'maria luisa': ['marisa'],
  mercedes: ['merche'],
  manuel: ['manolo', 'manolito', 'manel'],
  jesus: ['chus', 'chucho'],
  vicente: ['chente'],
  guillermo: ['memo'],
  rafael: ['rafa'],
  santiago: ['santi'],
  trinidad: ['trini'],
  antonio: ['toni', 'tonho', 'toninho', 'antonito'],
  // Portuguese (chico, manel and tonho are listed above with their Spanish cousins)
  joaquim: ['quim', 'quinzinho'],
  beatriz: ['bia'],
  fernando: ['nando'],
  fernanda: ['nanda'],
  sebastiao: ['tiao'],
  eduardo: ['dudu', 'edu'],
  augusto: ['guto'],
  guilherme: ['gui'],
};

/** Nickname → canonical form, built once. A canonical name maps to itself so that every lookup is one get. */
const CANONICAL = new Map<string, string>();
for (const [canonical, nicknames] of Object.entries(NICKNAMES)) {
  CANONICAL.set(canonical, canonical);
  for (const nickname of nicknames) CANONICAL.set(nickname, canonical);
}
// 'Zé' and 'Zeca' are José in Portuguese: the folded 'ze' would also be a typo of other short names, so
// only the exact forms are listed.
for (const nickname of ['ze', 'zeca', 'zezinho', 'zezito']) CANONICAL.set(nickname, 'jose');

/** The canonical given name of a folded first name or nickname, or undefined when it is not one we know. */
export function canonicalOf(folded: string): string | undefined {
  return CANONICAL.get(folded);
}
