// The manifests the project is deployed with. One script serves two web apps, each a deployment of its
// own version (a deployment keeps the manifest of its version): the staff page and the add-on's
// sidebar (the manifest at the project's top: runs as the person using it, for the domain), and the
// intake (`--intake`: runs as the admin who deployed it, reachable by anyone, authenticated by the
// token in its address). README: "The web app: two deployments".
export const STAFF_PAGE = { access: 'DOMAIN', executeAs: 'USER_ACCESSING' };
export const INTAKE = { access: 'ANYONE_ANONYMOUS', executeAs: 'USER_DEPLOYING' };

/** `base`: appsscript.json as written; `target`: 'staff' or 'intake'. */
export function manifestFor(base, target = 'staff') {
  return { ...base, webapp: target === 'intake' ? INTAKE : { ...STAFF_PAGE, ...(base.webapp ?? {}) } };
}
