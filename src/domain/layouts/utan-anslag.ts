/**
 * Version "ESV-2024-utan-anslag": the ESV-2024 layouts for an agency that disposes of no
 * anslag (financed by fees and grants). FÅB prescribes the same forms; the lines about
 * anslag have no content for such an agency, so this version leaves them out, and the rules
 * that read them are reported as not applicable instead of finding nothing.
 */
import type { LayoutVersion } from '../model.js';
import { withoutLines } from './derive.js';
import { ESV_2024 } from './esv-2024.js';

export const ESV_2024_UTAN_ANSLAG: LayoutVersion = withoutLines(
  ESV_2024,
  'ESV-2024-utan-anslag',
  'ESV-2024 för myndigheter utan anslag: utan raderna om anslag, anslagskredit, anslagssparande och bemyndiganden',
  [
    ['resultatrakning', 'intakter_av_anslag'],
    ['resultatrakning', 'transf_medel_fran_statens_budget'],
    ['finansieringsanalys', 'drift_intakter_av_anslag'],
    ['finansieringsanalys', 'transf_medel_fran_statens_budget'],
    ['vasentliga_uppgifter', 'anslagskredit_beviljad'],
    ['vasentliga_uppgifter', 'anslagskredit_utnyttjad'],
    ['vasentliga_uppgifter', 'anslagssparande'],
    ['vasentliga_uppgifter', 'bemyndiganden_ataganden'],
    ['vasentliga_uppgifter', 'bemyndiganden_tilldelade'],
  ],
);
