import type { segmentsEn } from './en';

export const segmentsPt: Record<keyof typeof segmentsEn, string> = {
  'error.segment_name_required': 'Um segmento precisa de um nome.',
  'error.segment_name_taken': 'Já existe um segmento chamado "{other}": escolha outro nome em vez de "{name}".',
  'error.segment_query_required': 'Um segmento dinâmico precisa de uma consulta, por exemplo tag:voluntário E member.',
  'error.segment_self': 'O segmento "{name}" não pode usar a si mesmo (segment:"{name}") na própria consulta.',
  'error.segment_cycle': 'O segmento "{name}" voltaria a se referir a si mesmo: {path}.',
  'error.segment_static_members': '"{name}" tem {count} contatos: remova-os antes de torná-lo dinâmico, ou salve a consulta como um novo segmento.',
  'error.segment_view_column': '"{column}" não é uma coluna da planilha Contacts. As colunas dela são: {columns}.',
  'error.segment_view_static': '"{name}" é um segmento estático: só um segmento dinâmico tem uma aba de visualização.',
  'error.segment_not_static': '"{name}" é um segmento dinâmico: os contatos dele vêm da consulta. Contatos são adicionados e removidos à mão só em um segmento estático.',
  'error.segment_refresh_static': '"{name}" é um segmento estático: só os segmentos dinâmicos são atualizados.',
  'error.segment_unknown_contacts': 'Nada foi adicionado a "{name}": estes contatos são desconhecidos, excluídos ou mesclados: {ids}.',
  'error.segment_selection_none': 'Selecione antes uma ou mais linhas da planilha Contacts.',
  'error.segment_selection_not_contacts': 'A seleção está na planilha "{sheet}": selecione linhas da planilha Contacts.',
  'error.segment_selection_empty': 'As linhas selecionadas não têm nenhum contato: selecione linhas abaixo do cabeçalho da planilha Contacts.',
  'error.segment_in_use': 'O segmento "{name}" não pode ser excluído enquanto {users} o usar: altere-os antes.',
  'error.segment_renamed_in_use': 'O segmento "{name}" não pode ser renomeado enquanto {users} se referir a ele pelo nome: altere-os antes.',
  'segments.used_by_segment': 'o segmento "{name}"',
  'segments.used_by_point': 'o ponto de disparo "{name}"',
  'segments.view_note': '↻ Segmento "{name}": esta aba é reescrita a cada atualização. Edite os contatos na planilha Contacts.',
  'error.segment_search_empty': 'A busca não encontrou ninguém: não há nada para adicionar à lista.',
};
