import type { segmentsEn } from './en';

export const segmentsEs: Record<keyof typeof segmentsEn, string> = {
  'error.segment_name_required': 'Un segmento necesita un nombre.',
  'error.segment_name_taken': 'Ya existe un segmento llamado «{other}»: elija otro nombre que «{name}».',
  'error.segment_query_required': 'Un segmento dinámico necesita una consulta, por ejemplo tag:voluntario Y member.',
  'error.segment_self': 'El segmento «{name}» no puede usarse a sí mismo (segment:"{name}") en su propia consulta.',
  'error.segment_cycle': 'El segmento «{name}» volvería a referirse a sí mismo: {path}.',
  'error.segment_static_members': '«{name}» contiene {count} contactos: quítelos antes de hacerlo dinámico, o guarde la consulta como un segmento nuevo.',
  'error.segment_view_column': '«{column}» no es una columna de la hoja Contacts. Sus columnas son: {columns}.',
  'error.segment_view_static': '«{name}» es un segmento estático: solo un segmento dinámico tiene una pestaña de vista.',
  'error.segment_not_static': '«{name}» es un segmento dinámico: sus contactos vienen de su consulta. Los contactos se añaden y quitan a mano solo en un segmento estático.',
  'error.segment_refresh_static': '«{name}» es un segmento estático: solo se actualizan los segmentos dinámicos.',
  'error.segment_unknown_contacts': 'No se añadió nada a «{name}»: estos contactos son desconocidos, eliminados o fusionados: {ids}.',
  'error.segment_selection_none': 'Primero seleccione una o varias filas de la hoja Contacts.',
  'error.segment_selection_not_contacts': 'La selección está en la hoja «{sheet}»: seleccione filas de la hoja Contacts.',
  'error.segment_selection_empty': 'Las filas seleccionadas no contienen ningún contacto: seleccione filas debajo del encabezado de la hoja Contacts.',
  'error.segment_in_use': 'El segmento «{name}» no se puede eliminar mientras {users} lo use: cámbielos primero.',
  'error.segment_renamed_in_use': 'El segmento «{name}» no se puede renombrar mientras {users} se refiera a él por su nombre: cámbielos primero.',
  'segments.used_by_segment': 'el segmento «{name}»',
  'segments.used_by_point': 'el punto de activación «{name}»',
  'segments.view_note': '↻ Segmento «{name}»: esta pestaña se reescribe en cada actualización. Edite los contactos en la hoja Contacts.',
  'error.segment_search_empty': 'La búsqueda no encuentra a nadie: no hay nada que añadir a la lista.',
};
