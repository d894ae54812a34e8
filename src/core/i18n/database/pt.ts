import type { databaseEn } from './en';

export const databasePt: Record<keyof typeof databaseEn, string> = {
  'database.title': 'Banco de dados',
  'database.intro':
    'Quando o CRM passa do tamanho desta planilha (10 milhões de células, cerca de 60 000 contatos com o histórico), as tabelas grandes (contatos, filiações, doações, interações, o registro) podem ficar num banco PostgreSQL: Cloud SQL, Supabase, Neon ou o seu próprio servidor. As configurações, a equipe e as listas que você edita ficam aqui.',
  'database.url': 'Endereço',
  'database.url_help':
    'jdbc:postgresql://servidor:5432/nome, ou o endereço postgres://usuário:senha@servidor:5432/nome que o seu provedor mostra. O servidor deve aceitar conexões dos endereços do Apps Script do Google.',
  'database.user': 'Usuário',
  'database.password': 'Senha',
  'database.connect': 'Conectar e mover os dados',
  'database.connected': 'Conectado a {label}: {rows} linhas movidas para o banco.',
  'database.status_on':
    'As tabelas grandes estão em {label}. As abas delas nesta planilha (Contacts, Donations, Interactions…) ficam como estavam quando os dados foram movidos: o CRM não as lê mais, e o que for digitado ali não é visto.',
  'database.status_off': 'Tudo está nesta planilha.',
  'database.moving':
    '{rows} linhas movidas até agora, e o tempo desta execução acabou: aperte o botão de novo para mover o resto (nada é copiado duas vezes). O CRM continua nesta planilha até que tudo esteja lá.',
  'database.disconnect': 'Desconectar',
  'database.disconnect_warning': 'O CRM voltará a trabalhar nas abas desta planilha, como estavam quando os dados foram movidos: o que mudou desde então fica no banco. Desconectar?',
  'database.disconnected': 'Desconectado: o CRM volta a trabalhar nesta planilha.',
  'database.error.address': 'Isto não é um endereço PostgreSQL: escreva jdbc:postgresql://servidor:5432/nome (ou postgres://usuário:senha@servidor:5432/nome).',
  'database.error.user': 'Informe o usuário do banco.',
  'database.error.refused': 'Não foi possível chegar ao banco ou ele recusou a conexão: {details}',
  'database.error.not_postgres': 'Esse banco não é PostgreSQL ({details}).',
  'database.error.move_missing': '{table}: a linha {id} não está no banco de dados depois da cópia. Nada foi trocado: conecte de novo para copiá-la.',
  'database.error.move_differs': '{table} {id}: “{column}” é lido no banco de dados como {stored}, não {typed} como na planilha. Nada foi trocado; a planilha não mudou.',
  'database.error.unavailable': 'Este CRM não consegue chegar a um banco de dados daqui.',
};
