import type { pointsEn } from './en';

export const pointsPt: Record<keyof typeof pointsEn, string> = {
  'points.no_id': 'está vazio: o registro reconhece uma regra pelo id. Digite um que nenhuma outra regra tenha (ex.: trp_ligacao_renovacao)',
  'points.duplicate_id': '"{value}" já é o id de uma regra acima (uma linha copiada?): dê a esta regra um id próprio',
  'points.tag_required': 'é obrigatório: o nome da etiqueta a adicionar ou remover',
  'points.note_required': 'é obrigatório: o texto da anotação',
  'points.bad_days': '"{value}" não é um número de dias: digite um número inteiro de 0 (hoje) a {max}, ou deixe vazio para hoje',
  'points.no_segment': 'não existe nenhum segmento chamado "{name}" (veja a planilha Segments)',
  'points.bad_query': 'a consulta do segmento "{name}" não pode ser lida no caractere {position}: {message}',
  'points.segment_fails': 'o segmento "{name}" não pode ser calculado: {problem}',
  'points.contacts_failed': 'A regra não conseguiu agir sobre {count} contato(s) e vai tentar de novo na próxima execução: {reason}',
  'points.no_rule': 'Não existe nenhum ponto de disparo "{rule}" (veja a planilha TriggerPoints).',
  'points.rule_not_found': 'Não existe nenhum ponto de disparo com o id "{id}" (foi excluído nesse meio-tempo?).',
  'points.rule_field_name': 'Nome: {reason}.',
  'points.rule_field_segment': 'Segmento: {reason}.',
  'points.rule_field_action': 'Ação: {reason}.',
  'points.rule_field_tag': 'Etiqueta: {reason}.',
  'points.rule_field_note': 'Anotação: {reason}.',
  'points.rule_field_days': 'Dias: {reason}.',
  'points.rule_field_owner': 'Responsável: {reason}.',
};
