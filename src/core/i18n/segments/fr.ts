import type { segmentsEn } from './en';

export const segmentsFr: Record<keyof typeof segmentsEn, string> = {
  'error.segment_name_required': 'Un segment doit avoir un nom.',
  'error.segment_name_taken': 'Il existe déjà un segment nommé « {other} » : choisissez un autre nom que « {name} ».',
  'error.segment_query_required': 'Un segment dynamique a besoin d’une requête, par exemple tag:bénévole ET member.',
  'error.segment_self': 'Le segment « {name} » ne peut pas s’utiliser lui-même (segment:"{name}") dans sa propre requête.',
  'error.segment_cycle': 'Le segment « {name} » renverrait à lui-même : {path}.',
  'error.segment_static_members': '« {name} » contient {count} contacts : retirez-les avant de le rendre dynamique, ou enregistrez la requête comme nouveau segment.',
  'error.segment_view_column': '« {column} » n’est pas une colonne de la feuille Contacts. Ses colonnes sont : {columns}.',
  'error.segment_view_static': '« {name} » est un segment statique : seul un segment dynamique a un onglet de vue.',
  'error.segment_not_static': '« {name} » est un segment dynamique : ses contacts viennent de sa requête. On n’ajoute et ne retire des contacts à la main que dans un segment statique.',
  'error.segment_refresh_static': '« {name} » est un segment statique : seuls les segments dynamiques sont actualisés.',
  'error.segment_unknown_contacts': 'Rien n’a été ajouté à « {name} » : ces contacts sont inconnus, supprimés ou fusionnés : {ids}.',
  'error.segment_selection_none': 'Sélectionnez d’abord une ou plusieurs lignes de la feuille Contacts.',
  'error.segment_selection_not_contacts': 'La sélection est sur la feuille « {sheet} » : sélectionnez des lignes de la feuille Contacts.',
  'error.segment_selection_empty': 'Les lignes sélectionnées ne contiennent aucun contact : sélectionnez des lignes sous l’en-tête de la feuille Contacts.',
  'error.segment_in_use': 'Le segment « {name} » ne peut pas être supprimé tant que {users} l’utilise : modifiez-les d’abord.',
  'error.segment_renamed_in_use': 'Le segment « {name} » ne peut pas être renommé tant que {users} y fait référence par son nom : modifiez-les d’abord.',
  'segments.used_by_segment': 'le segment « {name} »',
  'segments.used_by_point': 'le point de déclenchement « {name} »',
  'segments.view_note': '↻ Segment « {name} » : cet onglet est réécrit à chaque actualisation. Modifiez les contacts dans la feuille Contacts.',
  'error.segment_search_empty': 'La recherche ne trouve personne : il n’y a rien à ajouter à la liste.',
};
