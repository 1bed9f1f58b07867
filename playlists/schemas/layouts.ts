import { z } from 'zod';
import { Color, Id } from './common.ts';

/** Fraction of the screen, 0..1: layouts are resolution-independent. */
const Fraction = z.number().min(0).max(1);

export const ZoneRole = z.enum(['main', 'ticker', 'side']);
export type ZoneRole = z.infer<typeof ZoneRole>;

export const Zone = z
  .strictObject({
    role: ZoneRole,
    x: Fraction,
    y: Fraction,
    width: Fraction.refine((w) => w > 0, { message: 'must be > 0', params: { rule: 'positive' } }),
    height: Fraction.refine((h) => h > 0, { message: 'must be > 0', params: { rule: 'positive' } }),
    background: Color.optional(),
  })
  .refine((z) => z.x + z.width <= 1.0001 && z.y + z.height <= 1.0001, { message: 'zone extends past the screen', params: { rule: 'zoneOutside' } });
export type Zone = z.infer<typeof Zone>;

/**
 * A layout: named zones on a landscape or portrait screen. Exactly one main
 * zone; at most one ticker and one side zone. Later zones draw on top.
 */
export const Layout = z
  .strictObject({
    orientation: z.enum(['landscape', 'portrait']),
    background: Color.default('#000000'),
    zones: z.record(Id, Zone),
  })
  .superRefine((layout, ctx) => {
    const roles = Object.values(layout.zones).map((z) => z.role);
    const count = (r: ZoneRole) => roles.filter((x) => x === r).length;
    if (count('main') !== 1) ctx.addIssue({ code: 'custom', path: ['zones'], message: 'needs exactly one main zone', params: { rule: 'oneMainZone' } });
    if (count('ticker') > 1) ctx.addIssue({ code: 'custom', path: ['zones'], message: 'at most one ticker zone', params: { rule: 'oneTickerZone' } });
    if (count('side') > 1) ctx.addIssue({ code: 'custom', path: ['zones'], message: 'at most one side zone', params: { rule: 'oneSideZone' } });
  });
export type Layout = z.infer<typeof Layout>;
export type Orientation = Layout['orientation'];
