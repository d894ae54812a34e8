import type { pointsEn } from './en';

export const pointsFr: Record<keyof typeof pointsEn, string> = {
  'points.no_id': "est vide : le journal reconnaît une règle à son id. Tapez-en un qu'aucune autre règle n'a (par ex. trp_appel_renouvellement)",
  'points.duplicate_id': '« {value} » est déjà l’id d’une règle plus haut (une ligne copiée ?) : donnez à cette règle un id qui lui est propre',
  'points.tag_required': 'est obligatoire : le nom de l’étiquette à ajouter ou à retirer',
  'points.note_required': 'est obligatoire : le texte de la note',
  'points.bad_days': "« {value} » n'est pas un nombre de jours : écrivez un nombre entier de 0 (aujourd'hui) à {max}, ou laissez vide pour aujourd'hui",
  'points.no_segment': "il n'y a pas de segment nommé « {name} » (voir la feuille Segments)",
  'points.bad_query': 'la requête du segment « {name} » ne se lit pas au caractère {position} : {message}',
  'points.segment_fails': 'le segment « {name} » ne peut pas être calculé : {problem}',
  'points.contacts_failed': "La règle n'a pas pu agir sur {count} contact(s), elle réessaiera au prochain passage : {reason}",
  'points.no_rule': "Il n'y a pas de point de déclenchement « {rule} » (voir la feuille TriggerPoints).",
  'points.rule_not_found': "Il n'y a pas de point de déclenchement dont l'id est « {id} » (supprimé entre-temps ?).",
  'points.rule_field_name': 'Nom : {reason}.',
  'points.rule_field_segment': 'Segment : {reason}.',
  'points.rule_field_action': 'Action : {reason}.',
  'points.rule_field_tag': 'Étiquette : {reason}.',
  'points.rule_field_note': 'Note : {reason}.',
  'points.rule_field_days': 'Jours : {reason}.',
  'points.rule_field_owner': 'Responsable : {reason}.',
};
