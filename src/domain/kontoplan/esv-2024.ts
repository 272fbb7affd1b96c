/**
 * The default mapping from accounts to statement lines (kontoplan), version "ESV-2024":
 * statens baskontoplan as ESV links it to the S-koder and to the lines of FÅB bilagor 1
 * and 2 (layout ESV-2024). A range "3011-3012" holds every account whose leading digits
 * (as many as the range's bounds have) lie between the bounds: 3011, 3012, 30115, ...
 *
 * The resultaträkning ranges are ESV's published "Samband S-koder och baskontoplan". Of the
 * balansräkning, ESV's table could be read for the immateriella lines only; the other
 * ranges follow the kontogrupper of the baskontoplan (1 tillgångar, 2 kapital och skulder,
 * 19 kassa och bank, 225 övriga avsättningar) and are an inference (DOMAIN.md Q3). Agencies
 * deviate from the baskontoplan anyway: a ledger's kontoplan.yaml overrides any range here.
 *
 * The sign of a line follows from where it stands in the layout: resultaträkning lines are
 * −Σ #RES, asset lines +Σ #UB, capital and liability lines −Σ #UB.
 */
import type { KontoplanVersion } from './index.js';

export const KONTOPLAN_ESV_2024: KontoplanVersion = {
  id: 'ESV-2024',
  layouts: ['ESV-2024', 'ESV-2024-utan-anslag'],
  kalla: 'ESV: Samband S-koder och baskontoplan (resultaträkningen, immateriella tillgångar); statens baskontoplan, kontogrupper (övriga balansposter)',
  rotter: { resultat: 'arets_kapitalforandring', tillgangar: 'summa_tillgangar', kapitalOchSkulder: 'summa_kapital_och_skulder' },
  // Closing entry: årets kapitalförändring carried to the balance sheet (S8999).
  avslut: ['8999'],
  rader: [
    // Resultaträkning (ESV, Samband S-koder och baskontoplan)
    { rad: 'rr.intakter_av_anslag', konton: ['3011-3012'], sKoder: ['S3011'] },
    { rad: 'rr.intakter_av_avgifter', konton: ['3111-3499'], sKoder: ['S3111-S3192'] },
    { rad: 'rr.intakter_av_bidrag', konton: ['3511-3769'], sKoder: ['S3511-S3699'] },
    { rad: 'rr.finansiella_intakter', konton: ['3811-3899'], sKoder: ['S3811-S3899'] },
    { rad: 'rr.kostnader_for_personal', konton: ['4011-4999'], sKoder: ['S4111-S4999'] },
    { rad: 'rr.kostnader_for_lokaler', konton: ['5011-5099'], sKoder: ['S5011-S5099'] },
    { rad: 'rr.ovriga_driftkostnader', konton: ['5211-5899'], sKoder: ['S5301-S5899'] },
    { rad: 'rr.finansiella_kostnader', konton: ['5911-5999'], sKoder: ['S5911-S5999'] },
    { rad: 'rr.avskrivningar', konton: ['6911-6913'], sKoder: ['S6911'] },
    { rad: 'rr.resultat_fran_andelar', konton: ['8711-8721'], sKoder: ['S8711'] },
    { rad: 'rr.uppbord_intakter', konton: ['7011-7092'], sKoder: ['S7011-S7089'] },
    { rad: 'rr.uppbord_skatteintakter', konton: ['7111-7199'], sKoder: ['S7111-S7199'] },
    { rad: 'rr.uppbord_medel_till_statens_budget', konton: ['7211-7212'], sKoder: ['S7211-S7212'] },
    { rad: 'rr.transf_medel_fran_statens_budget', konton: ['7311-7312'], sKoder: ['S7311'] },
    { rad: 'rr.transf_medel_fran_myndigheter', konton: ['7351-7359'], sKoder: ['S7351-S7359'] },
    { rad: 'rr.transf_ovriga_medel', konton: ['7411-7419'], sKoder: ['S7411-S7419'] },
    { rad: 'rr.transf_finansiella_intakter', konton: ['7511-7539'], sKoder: ['S7511-S7539'] },
    { rad: 'rr.transf_finansiella_kostnader', konton: ['7551-7579'], sKoder: ['S7551-S7579'] },
    { rad: 'rr.transf_fonder', konton: ['7611-7612'], sKoder: ['S7611'] },
    { rad: 'rr.transf_lamnade_bidrag', konton: ['7711-7979'], sKoder: ['S7711-S7995'] },

    // Balansräkning, tillgångar
    { rad: 'br.immat_balanserade_utgifter', konton: ['1010-1029'], sKoder: ['S1010'] },
    { rad: 'br.immat_rattigheter', konton: ['1030-1069'], sKoder: ['S1030-S1032'] },
    { rad: 'br.immat_forskott', konton: ['1071-1072'], sKoder: ['S1071-S1072'] },
    { rad: 'br.mat_byggnader', konton: ['1110-1119', '1130-1179'] },
    { rad: 'br.mat_forbattringsutgifter', konton: ['1120-1129'] },
    { rad: 'br.mat_maskiner', konton: ['1210-1269'] },
    { rad: 'br.mat_pagaende', konton: ['1180-1189'] },
    { rad: 'br.mat_beredskap', konton: ['1270-1289'] },
    { rad: 'br.mat_forskott', konton: ['1190-1199', '1290-1299'] },
    { rad: 'br.fin_andelar', konton: ['1310-1329'] },
    { rad: 'br.fin_vardepapper', konton: ['1330-1349'] },
    { rad: 'br.fin_fordringar_myndigheter', konton: ['1350-1369'] },
    { rad: 'br.fin_andra_fordringar', konton: ['1370-1389'] },
    { rad: 'br.utlaning', konton: ['1390-1399'] },
    { rad: 'br.varulager', konton: ['1410-1439'] },
    { rad: 'br.pagaende_arbeten', konton: ['1440-1449'] },
    { rad: 'br.lager_fastigheter', konton: ['1450-1459'] },
    { rad: 'br.forskott_leverantorer', konton: ['1460-1499'] },
    { rad: 'br.kundfordringar', konton: ['1510-1549'] },
    { rad: 'br.fordringar_myndigheter', konton: ['1550-1599'] },
    { rad: 'br.ovriga_kortfristiga_fordringar', konton: ['1610-1699'] },
    { rad: 'br.forutbetalda_kostnader', konton: ['1710-1719'] },
    { rad: 'br.upplupna_bidragsintakter', konton: ['1720-1729'] },
    { rad: 'br.ovriga_upplupna_intakter', konton: ['1730-1799'] },
    { rad: 'br.kortfristiga_placeringar', konton: ['1810-1899'] },
    { rad: 'br.avrakning_med_statsverket', konton: ['1910-1919'] },
    { rad: 'br.rantekonto', konton: ['1920-1929'] },
    { rad: 'br.ovriga_tillgodohavanden_rgk', konton: ['1930-1959'] },
    { rad: 'br.kassa_och_bank', konton: ['1960-1999'] },

    // Balansräkning, kapital och skulder
    { rad: 'br.statskapital', konton: ['2010-2019'] },
    { rad: 'br.uppskrivningskapital', konton: ['2020-2029'] },
    { rad: 'br.donationskapital', konton: ['2030-2039'] },
    { rad: 'br.balanserad_kapitalforandring', konton: ['2040-2089'] },
    { rad: 'br.kapitalforandring_enligt_rr', konton: ['2090-2099'] },
    { rad: 'br.fonder', konton: ['2110-2199'] },
    { rad: 'br.avsattningar_pensioner', konton: ['2210-2219'] },
    { rad: 'br.avsattningar_garantier', konton: ['2220-2229'] },
    { rad: 'br.avsattningar_miljo', konton: ['2230-2249'] },
    { rad: 'br.ovriga_avsattningar', konton: ['2250-2299'] },
    { rad: 'br.lan_i_rgk', konton: ['2310-2329'] },
    { rad: 'br.ovriga_lan', konton: ['2330-2349'] },
    { rad: 'br.langfristiga_skulder_myndigheter', konton: ['2350-2369'] },
    { rad: 'br.andra_langfristiga_skulder', konton: ['2370-2399'] },
    { rad: 'br.kortfristiga_skulder_myndigheter', konton: ['2410-2439'] },
    { rad: 'br.leverantorsskulder', konton: ['2440-2459'] },
    { rad: 'br.ovriga_kortfristiga_skulder', konton: ['2460-2849', '2870-2899'] },
    { rad: 'br.depositioner', konton: ['2850-2859'] },
    { rad: 'br.forskott_fran_uppdragsgivare', konton: ['2860-2869'] },
    { rad: 'br.upplupna_kostnader', konton: ['2910-2949'] },
    { rad: 'br.oforbrukade_bidrag', konton: ['2950-2969'] },
    { rad: 'br.ovriga_forutbetalda_intakter', konton: ['2970-2999'] },
  ],
};
