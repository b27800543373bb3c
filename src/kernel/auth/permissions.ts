import type { ModuleManifest, PermissionDecl, ScopeKind } from '../module.ts';
import { type AuthUser, emptyGrant, type Grant } from './types.ts';

/** Every permission declared by the manifests, by name. Built once at boot. */
export class PermissionRegistry {
  private readonly decls = new Map<string, PermissionDecl>();

  constructor(modules: ModuleManifest[]) {
    for (const m of modules) {
      for (const [name, decl] of Object.entries(m.permissions ?? {})) {
        if (this.decls.has(name)) throw new Error(`Permission ${name} is declared twice`);
        this.decls.set(name, decl);
      }
    }
  }

  has(name: string): boolean {
    return this.decls.has(name);
  }

  get(name: string): PermissionDecl {
    const decl = this.decls.get(name);
    if (!decl) throw new Error(`Unknown permission ${name}`);
    return decl;
  }

  entries(): [string, PermissionDecl][] {
    return [...this.decls.entries()];
  }

  /**
   * What `permission` lets `user` reach. A role granted the permission at `city` level reaches the
   * whole city whatever the assignment's scope; granted at `zone` level, it reaches the zones the
   * user holds that role in; and so on for community points and organisations.
   */
  resolve(user: AuthUser | null, permission: string): Grant {
    const grant = emptyGrant();
    if (!user) return grant;
    const grants = this.get(permission).grants;
    for (const a of user.assignments) {
      const level: ScopeKind | undefined = grants[a.role];
      if (!level) continue;
      addLevel(grant, level, a.scope.kind, a.scope.ref);
    }
    return grant;
  }
}

function addLevel(grant: Grant, level: ScopeKind, kind: ScopeKind, ref: string | null): void {
  switch (level) {
    case 'platform':
      grant.allCities = true;
      grant.all = true;
      return;
    case 'city':
      grant.all = true;
      return;
    case 'own':
      grant.own = true;
      return;
    case 'zone':
      if (kind === 'zone' && ref) grant.zones.push(ref);
      else if (kind === 'city' || kind === 'platform') grant.all = true;
      return;
    case 'community_point':
      if (kind === 'community_point' && ref) grant.communityPoints.push(ref);
      else if (kind === 'city' || kind === 'platform') grant.all = true;
      return;
    case 'organisation':
      if (kind === 'organisation' && ref) grant.organisations.push(ref);
      else if (kind === 'city' || kind === 'platform') grant.all = true;
      return;
  }
}
