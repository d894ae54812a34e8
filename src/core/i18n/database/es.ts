import type { databaseEn } from './en';

export const databaseEs: Record<keyof typeof databaseEn, string> = {
  'database.title': 'Base de datos',
  'database.intro':
    'Cuando el CRM supera esta hoja de cálculo (10 millones de celdas, unos 60 000 contactos con su historial), sus tablas grandes (contactos, membresías, donaciones, interacciones, el registro) pueden vivir en una base PostgreSQL: Cloud SQL, Supabase, Neon o su propio servidor. La configuración, el equipo y las listas que usted edita se quedan aquí.',
  'database.url': 'Dirección',
  'database.url_help':
    'jdbc:postgresql://servidor:5432/nombre, o la dirección postgres://usuario:contraseña@servidor:5432/nombre que muestra su proveedor. El servidor debe aceptar conexiones desde las direcciones de Apps Script de Google.',
  'database.user': 'Usuario',
  'database.password': 'Contraseña',
  'database.connect': 'Conectar y mover los datos',
  'database.connected': 'Conectado a {label}: {rows} filas movidas a la base.',
  'database.status_on':
    'Las tablas grandes están en {label}. Sus hojas en esta hoja de cálculo (Contacts, Donations, Interactions…) quedan como estaban cuando se movieron los datos: el CRM ya no las lee, y lo que se escriba allí no se ve.',
  'database.status_off': 'Todo está en esta hoja de cálculo.',
  'database.moving':
    '{rows} filas movidas por ahora, y el tiempo de esta ejecución se acabó: pulse el botón otra vez para mover el resto (nada se copia dos veces). El CRM sigue en esta hoja de cálculo hasta que esté todo.',
  'database.disconnect': 'Desconectar',
  'database.disconnect_warning':
    'El CRM volverá a trabajar con las hojas de esta hoja de cálculo, tal como estaban cuando se movieron los datos: lo que cambió desde entonces queda en la base. ¿Desconectar?',
  'database.disconnected': 'Desconectado: el CRM vuelve a trabajar con esta hoja de cálculo.',
  'database.error.address': 'No es una dirección PostgreSQL: escriba jdbc:postgresql://servidor:5432/nombre (o postgres://usuario:contraseña@servidor:5432/nombre).',
  'database.error.user': 'Indique el usuario de la base.',
  'database.error.refused': 'No se pudo llegar a la base o rechazó la conexión: {details}',
  'database.error.not_postgres': 'Esa base no es PostgreSQL ({details}).',
  'database.error.move_missing': '{table}: la fila {id} no está en la base de datos después de la copia. No se cambió nada: conéctese de nuevo para copiarla.',
  'database.error.move_differs': '{table} {id}: «{column}» se lee en la base de datos como {stored}, no {typed} como en la hoja. No se cambió nada; la hoja sigue igual.',
  'database.error.unavailable': 'Este CRM no puede llegar a una base de datos desde aquí.',
};
