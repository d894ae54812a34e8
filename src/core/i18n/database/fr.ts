import type { databaseEn } from './en';

export const databaseFr: Record<keyof typeof databaseEn, string> = {
  'database.title': 'Base de données',
  'database.intro':
    'Quand le CRM dépasse ce tableur (10 millions de cellules, environ 60 000 contacts avec leur historique), ses grandes tables (contacts, adhésions, dons, échanges, journal) peuvent vivre dans une base PostgreSQL : Cloud SQL, Supabase, Neon ou votre propre serveur. Les réglages, l’équipe et les listes que vous modifiez restent ici.',
  'database.url': 'Adresse',
  'database.url_help':
    'jdbc:postgresql://hôte:5432/nom, ou l’adresse postgres://utilisateur:mot-de-passe@hôte:5432/nom que montre votre hébergeur. Le serveur doit accepter les connexions depuis les adresses d’Apps Script de Google.',
  'database.user': 'Utilisateur',
  'database.password': 'Mot de passe',
  'database.connect': 'Connecter et déplacer les données',
  'database.connected': 'Connecté à {label} : {rows} lignes déplacées dans la base.',
  'database.status_on':
    'Les grandes tables sont dans {label}. Leurs feuilles dans ce tableur (Contacts, Donations, Interactions…) restent telles qu’au déplacement des données : le CRM ne les lit plus, et ce qui y est saisi n’est pas vu.',
  'database.status_off': 'Tout est dans ce tableur.',
  'database.moving':
    '{rows} lignes déplacées pour l’instant, et le temps de ce passage est écoulé : appuyez de nouveau sur le bouton pour déplacer le reste (rien n’est copié deux fois). Le CRM continue sur ce tableur jusqu’à ce que tout y soit.',
  'database.disconnect': 'Déconnecter',
  'database.disconnect_warning':
    'Le CRM travaillera de nouveau sur les feuilles de ce tableur, telles qu’elles étaient au déplacement des données : ce qui a changé depuis reste dans la base. Déconnecter ?',
  'database.disconnected': 'Déconnecté : le CRM travaille de nouveau sur ce tableur.',
  'database.error.address': 'Ce n’est pas une adresse PostgreSQL : écrivez jdbc:postgresql://hôte:5432/nom (ou postgres://utilisateur:mot-de-passe@hôte:5432/nom).',
  'database.error.user': 'Indiquez l’utilisateur de la base.',
  'database.error.refused': 'La base est injoignable ou a refusé la connexion : {details}',
  'database.error.not_postgres': 'Cette base n’est pas PostgreSQL ({details}).',
  'database.error.move_missing': '{table} : la ligne {id} n’est pas dans la base après la copie. Rien n’a basculé : connectez à nouveau pour la copier.',
  'database.error.move_differs': '{table} {id} : « {column} » se relit dans la base comme {stored}, et non {typed} comme sur la feuille. Rien n’a basculé ; la feuille n’a pas changé.',
  'database.error.unavailable': 'Ce CRM ne peut pas joindre de base de données d’ici.',
};
