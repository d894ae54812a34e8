import type { pointsEn } from './en';

export const pointsEs: Record<keyof typeof pointsEn, string> = {
  'points.no_id': 'está vacío: el registro reconoce una regla por su id. Escriba uno que ninguna otra regla tenga (p. ej. trp_llamada_renovacion)',
  'points.duplicate_id': '«{value}» ya es el id de una regla más arriba (¿una fila copiada?): dé a esta regla un id propio',
  'points.tag_required': 'es obligatorio: el nombre de la etiqueta que se añade o se quita',
  'points.note_required': 'es obligatorio: el texto de la nota',
  'points.bad_days': '«{value}» no es un número de días: escriba un número entero de 0 (hoy) a {max}, o déjelo vacío para hoy',
  'points.no_segment': 'no hay ningún segmento llamado «{name}» (vea la hoja Segments)',
  'points.bad_query': 'la consulta del segmento «{name}» no se entiende en el carácter {position}: {message}',
  'points.segment_fails': 'el segmento «{name}» no se puede calcular: {problem}',
  'points.contacts_failed': 'La regla no pudo actuar sobre {count} contacto(s), lo intentará de nuevo en la próxima ejecución: {reason}',
  'points.no_rule': 'No hay ningún punto de activación «{rule}» (vea la hoja TriggerPoints).',
  'points.rule_not_found': 'No hay ningún punto de activación con el id «{id}» (¿se eliminó mientras tanto?).',
  'points.rule_field_name': 'Nombre: {reason}.',
  'points.rule_field_segment': 'Segmento: {reason}.',
  'points.rule_field_action': 'Acción: {reason}.',
  'points.rule_field_tag': 'Etiqueta: {reason}.',
  'points.rule_field_note': 'Nota: {reason}.',
  'points.rule_field_days': 'Días: {reason}.',
  'points.rule_field_owner': 'Responsable: {reason}.',
};
