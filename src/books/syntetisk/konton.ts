/**
 * The chart of accounts of the synthetic books: for each statement line, the accounts
 * that carry it (in the style of statens baskontoplan, inside the default kontoplan's
 * ranges) and each account's share of the line, in per mille (a negative share is an
 * accumulated depreciation or another contra account). Pure data.
 */

export interface SyntetisktKonto {
  readonly nr: string;
  readonly namn: string;
  /** Share of the line's balance, in per mille; the shares of a line add up to 1000. */
  readonly andel: number;
}

export const KONTON_PER_RAD: Readonly<Record<string, readonly SyntetisktKonto[]>> = {
  'rr.intakter_av_anslag': [{ nr: '3011', namn: 'Intäkter av anslag', andel: 1000 }],
  'rr.intakter_av_avgifter': [
    { nr: '3111', namn: 'Intäkter av avgifter enligt 4 § avgiftsförordningen', andel: 60 },
    { nr: '3131', namn: 'Offentligrättsliga avgifter som disponeras', andel: 10 },
    { nr: '3411', namn: 'Icke statliga medel enligt kapitalförsörjningsförordningen', andel: 800 },
    { nr: '3461', namn: 'Realisationsvinster', andel: 130 },
  ],
  'rr.intakter_av_bidrag': [
    { nr: '3511', namn: 'Bidrag från statliga myndigheter', andel: 600 },
    { nr: '3611', namn: 'Bidrag från EU', andel: 400 },
  ],
  'rr.finansiella_intakter': [
    { nr: '3811', namn: 'Ränteintäkter på räntekonto i Riksgäldskontoret', andel: 900 },
    { nr: '3891', namn: 'Övriga finansiella intäkter', andel: 100 },
  ],
  'rr.kostnader_for_personal': [
    { nr: '4011', namn: 'Löner till tillsvidareanställda', andel: 640 },
    { nr: '4511', namn: 'Arbetsgivaravgifter', andel: 300 },
    { nr: '4911', namn: 'Övriga personalkostnader', andel: 60 },
  ],
  'rr.kostnader_for_lokaler': [
    { nr: '5011', namn: 'Lokalhyror', andel: 850 },
    { nr: '5061', namn: 'El och uppvärmning', andel: 100 },
    { nr: '5091', namn: 'Övriga lokalkostnader', andel: 50 },
  ],
  'rr.ovriga_driftkostnader': [
    { nr: '5411', namn: 'Konsulttjänster', andel: 350 },
    { nr: '5511', namn: 'Resor', andel: 100 },
    { nr: '5611', namn: 'IT-tjänster', andel: 300 },
    { nr: '5711', namn: 'Bevakning och säkerhet', andel: 250 },
  ],
  'rr.finansiella_kostnader': [
    { nr: '5911', namn: 'Räntekostnader på räntekonto', andel: 600 },
    { nr: '5921', namn: 'Räntekostnader på lån i Riksgäldskontoret', andel: 400 },
  ],
  'rr.avskrivningar': [
    { nr: '6911', namn: 'Avskrivningar immateriella anläggningstillgångar', andel: 450 },
    { nr: '6912', namn: 'Avskrivningar materiella anläggningstillgångar', andel: 550 },
  ],
  'rr.uppbord_intakter': [
    { nr: '7011', namn: 'Ansökningsavgifter som inte disponeras', andel: 300 },
    { nr: '7031', namn: 'Särskilda avgifter som inte disponeras', andel: 10 },
    { nr: '7061', namn: 'Bidrag från EU som inte disponeras', andel: 690 },
  ],
  'rr.uppbord_medel_till_statens_budget': [{ nr: '7211', namn: 'Medel som tillförts statens budget från uppbördsverksamhet', andel: 1000 }],
  'rr.transf_medel_fran_statens_budget': [{ nr: '7311', namn: 'Medel från statens budget för finansiering av bidrag', andel: 1000 }],
  'rr.transf_finansiella_intakter': [{ nr: '7511', namn: 'Finansiella intäkter i transfereringsverksamhet', andel: 1000 }],
  'rr.transf_finansiella_kostnader': [{ nr: '7551', namn: 'Finansiella kostnader i transfereringsverksamhet', andel: 1000 }],
  'rr.transf_lamnade_bidrag': [
    { nr: '7711', namn: 'Lämnade bidrag till kommuner', andel: 700 },
    { nr: '7731', namn: 'Lämnade bidrag till regioner', andel: 100 },
    { nr: '7751', namn: 'Lämnade bidrag till hushåll', andel: 200 },
  ],

  'br.immat_balanserade_utgifter': [
    { nr: '1011', namn: 'Balanserade utgifter för utveckling', andel: 1600 },
    { nr: '1019', namn: 'Ackumulerade avskrivningar balanserade utgifter', andel: -600 },
  ],
  'br.immat_rattigheter': [
    { nr: '1031', namn: 'Licenser och rättigheter', andel: 1500 },
    { nr: '1039', namn: 'Ackumulerade avskrivningar rättigheter', andel: -500 },
  ],
  'br.mat_forbattringsutgifter': [
    { nr: '1121', namn: 'Förbättringsutgifter på annans fastighet', andel: 1400 },
    { nr: '1129', namn: 'Ackumulerade avskrivningar förbättringsutgifter', andel: -400 },
  ],
  'br.mat_maskiner': [
    { nr: '1211', namn: 'Maskiner och tekniska anläggningar', andel: 300 },
    { nr: '1221', namn: 'Inventarier', andel: 1000 },
    { nr: '1251', namn: 'Datorer', andel: 500 },
    { nr: '1229', namn: 'Ackumulerade avskrivningar maskiner och inventarier', andel: -800 },
  ],
  'br.kundfordringar': [{ nr: '1510', namn: 'Kundfordringar', andel: 1000 }],
  'br.fordringar_myndigheter': [
    { nr: '1560', namn: 'Kundfordringar hos andra myndigheter', andel: 400 },
    { nr: '1570', namn: 'Fordran avseende mervärdesskatt', andel: 600 },
  ],
  'br.ovriga_kortfristiga_fordringar': [{ nr: '1610', namn: 'Övriga kortfristiga fordringar', andel: 1000 }],
  'br.forutbetalda_kostnader': [
    { nr: '1711', namn: 'Förutbetalda hyreskostnader', andel: 800 },
    { nr: '1719', namn: 'Övriga förutbetalda kostnader', andel: 200 },
  ],
  'br.upplupna_bidragsintakter': [{ nr: '1721', namn: 'Upplupna bidragsintäkter', andel: 1000 }],
  'br.ovriga_upplupna_intakter': [{ nr: '1731', namn: 'Övriga upplupna intäkter', andel: 1000 }],
  'br.avrakning_med_statsverket': [
    { nr: '1911', namn: 'Avräkning med statsverket, anslag i räntebärande flöde', andel: 400 },
    { nr: '1912', namn: 'Avräkning med statsverket, uppbörd', andel: -200 },
    { nr: '1913', namn: 'Avräkning med statsverket, anslag i icke räntebärande flöde', andel: 800 },
  ],
  'br.rantekonto': [{ nr: '1921', namn: 'Räntekonto i Riksgäldskontoret', andel: 1000 }],
  'br.kassa_och_bank': [{ nr: '1971', namn: 'Bank', andel: 1000 }],
  'br.statskapital': [
    { nr: '2011', namn: 'Statskapital, anslagsfinansierade anläggningstillgångar', andel: 900 },
    { nr: '2013', namn: 'Statskapital, semesterlöneskuld intjänad före 2009', andel: 100 },
  ],
  'br.balanserad_kapitalforandring': [{ nr: '2041', namn: 'Balanserad kapitalförändring', andel: 1000 }],
  'br.kapitalforandring_enligt_rr': [{ nr: '2091', namn: 'Kapitalförändring enligt resultaträkningen', andel: 1000 }],
  'br.avsattningar_pensioner': [{ nr: '2211', namn: 'Avsättningar för pensioner', andel: 1000 }],
  'br.ovriga_avsattningar': [{ nr: '2251', namn: 'Övriga avsättningar', andel: 1000 }],
  'br.lan_i_rgk': [{ nr: '2311', namn: 'Lån i Riksgäldskontoret', andel: 1000 }],
  'br.kortfristiga_skulder_myndigheter': [
    { nr: '2411', namn: 'Leverantörsskulder till andra myndigheter', andel: 400 },
    { nr: '2431', namn: 'Arbetsgivaravgifter att betala', andel: 600 },
  ],
  'br.leverantorsskulder': [{ nr: '2441', namn: 'Leverantörsskulder', andel: 1000 }],
  'br.ovriga_kortfristiga_skulder': [
    { nr: '2711', namn: 'Personalens källskatt', andel: 700 },
    { nr: '2791', namn: 'Övriga kortfristiga skulder', andel: 300 },
  ],
  'br.upplupna_kostnader': [
    { nr: '2911', namn: 'Upplupna löner', andel: 300 },
    { nr: '2921', namn: 'Semesterlöneskuld', andel: 500 },
    { nr: '2931', namn: 'Övriga upplupna kostnader', andel: 200 },
  ],
  'br.oforbrukade_bidrag': [{ nr: '2951', namn: 'Oförbrukade bidrag', andel: 1000 }],
  'br.ovriga_forutbetalda_intakter': [{ nr: '2971', namn: 'Övriga förutbetalda intäkter', andel: 1000 }],
};

export const AVSLUTSKONTO = { nr: '8999', namn: 'Årets kapitalförändring' } as const;
export const RANTEKONTO = '1921';
export const BANK = '1971';
export const AVRAKNING = { rantebarande: '1911', uppbord: '1912', icke_rantebarande: '1913' } as const;
