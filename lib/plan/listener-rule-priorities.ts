// Its own module, free of zod: plan-domain reads it, and the renderers load plan-domain (servingListener)
// without plan-services and the blueprint schemas it imports (docs/performance.md).

/**
 * The app's listener rule when the load balancer requires the origin secret: ALB's last priority, after every
 * service's path rule (services take 1000-49999).
 */
export const APP_RULE_PRIORITY = 50_000;
