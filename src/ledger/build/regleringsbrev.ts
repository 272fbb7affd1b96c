/** The regleringsbrev: each anslagspost's decisions (tilldelning, anslagskredit …), bemyndiganderamar, låneram and kontokredit. */
import type { Beslut, Regleringsbrev } from '../../domain/model.js';
import type { RegleringsbrevInput } from '../schema.js';
import type { Path, YamlSource } from '../yaml-source.js';
import type { BuildContext } from './context.js';

export function buildRegleringsbrev(cx: BuildContext, r: RegleringsbrevInput, src: YamlSource): Regleringsbrev {
  const base: Path = ['regleringsbrev'];
  const unit = cx.resolveUnit(r.enhet, cx.ledgerUnit, src, [...base, 'enhet']);
  const anslagsposter = (r.anslagsposter ?? []).map((p, pi) => {
    const pp: Path = [...base, 'anslagsposter', pi];
    cx.pending.push({ kind: 'anslagspost', ref: p.anslagspost, at: src.at([...pp, 'anslagspost']), what: 'regleringsbrev' });
    const beslut: Beslut[] = p.beslut.map((b, bi) => {
      const bp: Path = [...pp, 'beslut', bi];
      const fid = (field: string, value: string | null | undefined, seed?: string) =>
        cx.figure(`rb.${p.anslagspost}.${b.datum}.${field}`, value, unit, src, [...bp, field], `Regleringsbrev ${p.anslagspost} ${b.datum} ${b.referens ?? ''} · ${field}`, seed);
      const tilldelning = fid('tilldelning', b.tilldelning, b.seed_tilldelning ?? b.seed);
      const anslagskredit = fid('anslagskredit', b.anslagskredit, b.seed_anslagskredit ?? b.seed);
      const medgivet = fid('medgivet_overskridande', b.medgivet_overskridande, b.seed_medgivet ?? b.seed);
      fid('minskning', b.minskning, b.seed);
      return {
        datum: b.datum,
        ...(b.referens ? { referens: b.referens } : {}),
        ...(tilldelning ? { tilldelning } : {}),
        ...(anslagskredit ? { anslagskredit } : {}),
        ...(medgivet ? { medgivetOverskridande: medgivet } : {}),
        source: src.at(bp),
      };
    });
    return { anslagspost: p.anslagspost, beslut };
  });
  const bemyndiganderamar = (r.bemyndiganderamar ?? []).flatMap((b, bi) => {
    const path: Path = [...base, 'bemyndiganderamar', bi];
    cx.pending.push({ kind: 'anslagspost', ref: b.anslagspost, at: src.at([...path, 'anslagspost']), what: 'bemyndiganderam' });
    const belopp = cx.figure(`rb.bemyndiganderam.${b.anslagspost}`, b.belopp, unit, src, [...path, 'belopp'], `Bemyndiganderam ${b.anslagspost}`, b.seed);
    return belopp ? [{ anslagspost: b.anslagspost, belopp, ...(b.slutar ? { slutar: b.slutar } : {}), source: src.at(path) }] : [];
  });
  const ramar = (key: 'laneram' | 'kontokredit', label: string) =>
    (r[key] ?? []).flatMap((x, i) => {
      const path: Path = [...base, key, i];
      const belopp = cx.figure(`rb.${key}.${x.datum ?? i}`, x.belopp, unit, src, [...path, 'belopp'], `${label} ${x.datum ?? ''}`, x.seed);
      return belopp ? [{ ...(x.datum ? { datum: x.datum } : {}), ...(x.referens ? { referens: x.referens } : {}), belopp, source: src.at(path) }] : [];
    });
  return { unit, anslagsposter, bemyndiganderamar, laneram: ramar('laneram', 'Låneram'), kontokredit: ramar('kontokredit', 'Kontokredit') };
}