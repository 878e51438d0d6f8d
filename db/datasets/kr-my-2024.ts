/**
 * The embedded default dataset: the Korea–Malaysia Strategic Partnership joint statement of
 * 25 November 2024 and what followed, in the project's own words. Facts from
 * `shared/sources/kr-my-2024-pledges.md`; links are the evidence it cites, with publication dates.
 * The news report of The Diplomat (`shared/sources/000_dc554dc658894687.txt`, copied byte for byte
 * to `db/datasets/sources/kr-my-2024-news-report.txt`) is the agreement's source document; the
 * commitments whose wording it gives are anchored to those passages (`source`): its quotations of
 * the statement as the statement's words, its own sentences as commentary.
 */
import type { Dataset, DatasetEvidence } from "./types";

const DIPLOMAT: DatasetEvidence = {
  url: "https://thediplomat.com/2024/11/malaysia-and-south-korea-pledge-deeper-cooperation-on-defense-trade",
  title: "Malaysia and South Korea Pledge Deeper Cooperation on Defense, Trade",
  publisher: "The Diplomat",
  publishedOn: "2024-11-26",
  kind: "media",
};
const NST: DatasetEvidence = {
  url: "https://nst.com.my/amp/news/nation/2024/11/1139387/malaysia-south-korea-upgrade-ties-strategic-partnership",
  title: "Malaysia, South Korea upgrade ties to a strategic partnership (Wisma Putra statement as reported)",
  publisher: "New Straits Times",
  publishedOn: "2024-11-25",
  kind: "media",
};
const JOONGANG: DatasetEvidence = {
  url: "https://koreajoongangdaily.joins.com/news/2024-11-25/national/diplomacy/Korea-Malaysia-establish-strategic-partnership-at-summit-in-Seoul/2185546",
  title: "Korea, Malaysia establish strategic partnership at summit in Seoul",
  publisher: "Korea JoongAng Daily",
  publishedOn: "2024-11-25",
  kind: "media",
};
const KBS: DatasetEvidence = {
  url: "https://news.kbs.co.kr/news/pc/view/view.do?ncd=8114996",
  title: "한·말레이시아 정상회담, 전략적 동반자 관계 수립 (KBS 보도)",
  publisher: "KBS News",
  publishedOn: "2024-11-25",
  kind: "media",
};
const ASIAE: DatasetEvidence = {
  url: "https://cm.asiae.co.kr/en/article/2024112516223463642",
  title: "Text of the Korea–Malaysia joint statement on the Strategic Partnership (English translation)",
  publisher: "The Asia Business Daily",
  publishedOn: "2024-11-25",
  kind: "joint",
};
const CHOSUN_CALL: DatasetEvidence = {
  url: "https://prod.biz.chosun.com/en/en-international/2025/06/23/HO6QROEYXFHSBBAVEHP6XUPWGY",
  title: "Korean and Malaysian leaders hold phone call",
  publisher: "Chosun Biz",
  publishedOn: "2025-06-23",
  kind: "media",
};
const MALAYMAIL_FTA: DatasetEvidence = {
  url: "https://www.malaymail.com/news/malaysia/2025/06/24/anwar-south-koreas-president-lee-agree-to-strengthen-ties-aim-for-malaysia-korea-free-trade-deal-this-year/181460",
  title:
    "Anwar, South Korea's President Lee agree to strengthen ties, aim for Malaysia–Korea free trade deal this year",
  publisher: "Malay Mail",
  publishedOn: "2025-06-24",
  kind: "media",
};
const THESUN_TRADE: DatasetEvidence = {
  url: "https://thesun.my/malaysia-news/malaysia-and-south-korea-boost-trade-green-tech-defence-ties-ND14530519",
  title: "Malaysia and South Korea boost trade, green tech, defence ties",
  publisher: "The Sun (Malaysia)",
  publishedOn: "2025-07-23",
  kind: "media",
};
const BERNAMA_FTA: DatasetEvidence = {
  url: "https://bernama.com/lite/news.php?id=2458050",
  title: "Malaysia and South Korea conclude free trade agreement talks",
  publisher: "Bernama",
  publishedOn: "2025-08-18",
  kind: "media",
};
const HAWK_SUMMIT: DatasetEvidence = {
  url: "https://www.thehawk.in/news/world/south-korean-president-and-malaysia-pm-hold-summit-talks-clinch-free-trade-deal",
  title: "South Korean President and Malaysia PM hold summit talks, clinch free trade deal",
  publisher: "The Hawk",
  publishedOn: "2025-10-27",
  kind: "media",
};

const BOTH = ["KR", "MY"];
/** The key of the news report among the dataset's source documents. */
export const NEWS_REPORT = "diplomat-2024-11-26";
const STATEMENT_DAY = "2024-11-25";
const END_2025 = "2025-12-31";

export const KR_MY_2024: Dataset = {
  parties: [
    { code: "KR", name: "Republic of Korea" },
    { code: "MY", name: "Malaysia" },
  ],
  agreement: {
    slug: "kr-my-strategic-partnership-2024",
    title:
      "Joint Statement on the Establishment of the Strategic Partnership between the Republic of Korea and Malaysia",
    kind: "Joint statement",
    signedOn: STATEMENT_DAY,
    place: "Yongsan Presidential Office, Seoul",
    summary:
      "Announced during Prime Minister Anwar Ibrahim's official visit to Seoul (24–26 November 2024), the statement raises relations — dating from 1960, with a 65th anniversary in 2025 — to a Strategic Partnership. It sets out cooperation in four areas: peace and security; the economy; culture, education and tourism; and regional and global issues. Its headline pledges are a bilateral free trade agreement by 2025, closer defence and defence-industry ties, and memoranda on critical minerals, carbon capture and storage, carbon-credit cooperation, higher education and tourism.",
    sourceUrl: ASIAE.url,
    parties: [
      { code: "KR", signatory: "President Yoon Suk Yeol" },
      { code: "MY", signatory: "Prime Minister Anwar Ibrahim" },
    ],
  },
  sourceDocuments: [
    {
      key: NEWS_REPORT,
      kind: "news_report",
      title: DIPLOMAT.title,
      url: DIPLOMAT.url,
      publishedOn: "2024-11-26",
      file: "kr-my-2024-news-report.txt",
      format: "txt",
    },
  ],
  commitments: [
    {
      ref: "1",
      title: "Establish the Strategic Partnership",
      description: "Raise bilateral relations to a Strategic Partnership, widening cooperation to new fields.",
      quote:
        "signifying the commitment of both countries to expanding cooperation to new horizons so as to promote freedom, peace, and prosperity and to addressing the pressing challenges moving forward.",
      theme: "Political relations",
      strength: "binding",
      owner: "Both governments",
      parties: BOTH,
      source: {
        document: NEWS_REPORT,
        passage:
          "signifying the commitment of both countries to expanding cooperation to new horizons so as to promote freedom, peace, and prosperity and to addressing the pressing challenges moving forward.",
        fromCommentary: false,
      },
      updates: [
        {
          happenedOn: STATEMENT_DAY,
          statusTo: "fulfilled",
          progressTo: 100,
          note: "Delivered by the joint statement itself: the two leaders announced the partnership in Seoul.",
          evidence: [JOONGANG, DIPLOMAT, KBS, ASIAE],
        },
      ],
    },
    {
      ref: "2",
      title: "Hold more regular high-level exchanges and policy consultations",
      description: "Meet and consult more often at the level of leaders and senior officials.",
      theme: "Political relations",
      owner: "Ministry of Foreign Affairs (Korea) · Ministry of Foreign Affairs, Wisma Putra (Malaysia)",
      parties: BOTH,
      updates: [
        {
          happenedOn: "2025-06-23",
          statusTo: "in_progress",
          note: "The Korean president and the Malaysian prime minister held a telephone call.",
          evidence: [CHOSUN_CALL],
        },
        {
          happenedOn: "2025-10-27",
          statusTo: "in_progress",
          note: "The two leaders held summit talks in Kuala Lumpur.",
          evidence: [HAWK_SUMMIT],
        },
      ],
    },
    {
      ref: "3",
      title: "Deepen defence cooperation under the 2022 defence cooperation MoU",
      description:
        "Build on the 2022 memorandum of understanding on defence cooperation, with regular exchanges between the two defence authorities.",
      theme: "Defence",
      owner: "Ministry of National Defense (Korea) · Ministry of Defence (Malaysia)",
      parties: BOTH,
      source: {
        document: NEWS_REPORT,
        passage: "promises to improve defense exchanges",
        fromCommentary: true,
      },
      updates: [
        {
          happenedOn: STATEMENT_DAY,
          statusTo: "in_progress",
          note: "The statement anchors defence ties in the existing 2022 MoU and promises closer exchanges between defence authorities.",
          evidence: [DIPLOMAT],
        },
      ],
    },
    {
      ref: "4",
      title: "Keep exploring cooperation in defence R&D, military technology and the defence industry",
      description:
        "Continue to look for joint work in research and development, military technology and the defence industry. Context: in May 2023 Malaysia contracted 18 Korean FA-50M light combat aircraft, worth about US$920 million.",
      quote:
        "to continue to explore ways to work together for research and development (R&D), military technology cooperation, and the defense industry.",
      theme: "Defence industry",
      strength: "exploratory",
      owner: "Defense Acquisition Program Administration, DAPA (Korea) · Ministry of Defence (Malaysia)",
      parties: BOTH,
      source: {
        document: NEWS_REPORT,
        passage:
          "to continue to explore ways to work together for research and development (R&D), military technology cooperation, and the defense industry.",
        fromCommentary: false,
      },
      updates: [
        {
          happenedOn: "2025-10-27",
          statusTo: "in_progress",
          note: "A government-to-government memorandum on defence-industry cooperation was signed during the Kuala Lumpur summit.",
          evidence: [HAWK_SUMMIT],
        },
      ],
    },
    {
      ref: "5",
      title: "Cooperate against non-traditional security threats, drug trafficking and cybercrime",
      description: "Work together on non-traditional security threats, including drug trafficking and cybercrime.",
      theme: "Security",
      owner: "Both governments",
      parties: BOTH,
      updates: [],
    },
    {
      ref: "6",
      title: "Conclude the bilateral free trade agreement",
      description: "Finish negotiating the Korea–Malaysia free trade agreement, in the 65th-anniversary year.",
      theme: "Trade",
      strength: "intent",
      owner: "Korea's trade ministry · Ministry of Investment, Trade and Industry, MITI (Malaysia)",
      parties: BOTH,
      source: {
        document: NEWS_REPORT,
        passage: "plans to conclude a free trade agreement by next year",
        fromCommentary: true,
      },
      target: { date: END_2025, precision: "year", phrase: "by next year (also reported as ‘by 2025’)" },
      updates: [
        {
          happenedOn: "2025-06-23",
          statusTo: "in_progress",
          note: "In their phone call the leaders set the aim of concluding the FTA within the year.",
          evidence: [MALAYMAIL_FTA],
        },
        {
          happenedOn: "2025-07-23",
          statusTo: "in_progress",
          note: "The two sides discussed finalising the agreement by October.",
          evidence: [THESUN_TRADE],
        },
        {
          happenedOn: "2025-08-18",
          statusTo: "fulfilled",
          progressTo: 100,
          note: "Negotiations on the free trade agreement were reported concluded.",
          evidence: [BERNAMA_FTA],
        },
        {
          happenedOn: "2025-10-27",
          statusTo: "fulfilled",
          progressTo: 100,
          note: "At their Kuala Lumpur summit the leaders welcomed the concluded agreement.",
          evidence: [HAWK_SUMMIT],
        },
      ],
    },
    {
      ref: "7",
      title: "Use the FTA to widen cooperation into the digital, green and bio economies",
      description: "Make the free trade agreement a base for cooperation beyond trade and investment.",
      quote:
        "to facilitate cooperation not only in the fields of trade and investment, but also in emerging areas such as the digital economy, the green economy, and the bioeconomy.",
      theme: "Trade",
      owner: "Both governments",
      parties: BOTH,
      source: {
        document: NEWS_REPORT,
        passage:
          "to facilitate cooperation not only in the fields of trade and investment, but also in emerging areas such as the digital economy, the green economy, and the bioeconomy.",
        fromCommentary: false,
      },
      updates: [],
    },
    {
      ref: "8",
      title: "Grow bilateral trade and investment",
      description:
        "Raise trade and investment from a baseline of about US$25 billion of trade in 2023. Malaysia is Korea's third-largest trading partner in ASEAN; Korea is Malaysia's eighth-largest.",
      theme: "Trade",
      owner: "Both governments",
      parties: BOTH,
      source: {
        document: NEWS_REPORT,
        passage: "targeting an increase in trade and investment",
        fromCommentary: true,
      },
      updates: [
        {
          happenedOn: "2025-07-23",
          statusTo: "in_progress",
          note: "Ministers met to push trade, green-technology and defence ties forward.",
          evidence: [THESUN_TRADE],
        },
      ],
    },
    {
      ref: "9",
      title: "Draw high-value Korean investment to Malaysia",
      description:
        "Attract high-value, high-growth Korean investment, with chemicals and petrochemicals named; semiconductor, electric-vehicle, green-technology and AI firms met the prime minister in Seoul.",
      theme: "Investment",
      owner: "Malaysia's investment authorities (MITI, MIDA)",
      parties: ["MY"],
      source: {
        document: NEWS_REPORT,
        passage: "attract “high-value, high-growth” investment from South Korean firms",
        fromCommentary: true,
      },
      updates: [
        {
          happenedOn: STATEMENT_DAY,
          statusTo: "in_progress",
          note: "The prime minister pitched Malaysia to representatives of 147 Korean companies during the visit.",
          evidence: [DIPLOMAT],
        },
      ],
    },
    {
      ref: "10",
      title: "Cooperate on critical-mineral supply chains",
      description: "Work together on secure supply chains for critical minerals.",
      theme: "Critical minerals",
      owner: "Both governments",
      parties: BOTH,
      updates: [
        {
          happenedOn: STATEMENT_DAY,
          statusTo: "in_progress",
          note: "A memorandum on critical-mineral supply chains was reported signed on the day of the summit.",
          evidence: [DIPLOMAT],
        },
      ],
    },
    {
      ref: "11",
      title: "Cooperate on carbon capture and storage, including cross-border CO₂ transport and storage",
      description: "Develop carbon capture and storage together, including moving and storing CO₂ across borders.",
      theme: "Energy and climate",
      owner: "Both governments",
      parties: BOTH,
      updates: [
        {
          happenedOn: STATEMENT_DAY,
          statusTo: "in_progress",
          note: "A memorandum on carbon capture and storage was signed on the day of the summit.",
          evidence: [DIPLOMAT, NST],
        },
      ],
    },
    {
      ref: "12",
      title: "Cooperate under Article 6.2 of the Paris Agreement",
      description: "Set up cooperative approaches for carbon credits under Article 6.2 of the Paris Agreement.",
      theme: "Energy and climate",
      owner:
        "Ministry of Environment (Korea) · Ministry of Natural Resources and Environmental Sustainability (Malaysia)",
      parties: BOTH,
      updates: [
        {
          happenedOn: STATEMENT_DAY,
          statusTo: "in_progress",
          note: "A memorandum on Article 6.2 cooperation was signed on the day of the summit.",
          evidence: [NST],
        },
      ],
    },
    {
      ref: "13",
      title: "Cooperate in higher education, technical and vocational training, and language and culture learning",
      description:
        "Expand cooperation between universities, in technical and vocational training, and in learning each other's language and culture.",
      theme: "Education",
      owner: "Both governments",
      parties: BOTH,
      updates: [
        {
          happenedOn: STATEMENT_DAY,
          statusTo: "in_progress",
          note: "A memorandum on higher-education cooperation was signed on the day of the summit.",
          evidence: [NST],
        },
      ],
    },
    {
      ref: "14",
      title: "Grow two-way tourism through a tourism MoU",
      description:
        "A memorandum of understanding on tourism to increase visits in both directions. The reports disagree on whether it was signed on the day: see the evidence.",
      theme: "Tourism",
      owner: "Ministry of Culture, Sports and Tourism (Korea) · Ministry of Tourism, Arts and Culture (Malaysia)",
      parties: BOTH,
      updates: [],
      evidence: [
        { ...DIPLOMAT, title: `${DIPLOMAT.title} — reports a tourism MoU signed on the day` },
        { ...NST, title: `${NST.title} — speaks of a new MoU that aims to boost visits` },
      ],
    },
    {
      ref: "15",
      title: "Continue the Look East Policy and open digital and ICT cooperation (5G, AI)",
      description:
        "Keep the Look East Policy as a framework and add cooperation on digital technology, including 5G and artificial intelligence.",
      theme: "Digital",
      owner: "Both governments",
      parties: BOTH,
      updates: [],
    },
    {
      ref: "16",
      title: "Broaden cultural, academic and people-to-people exchanges and mark the 65th anniversary",
      description:
        "Widen exchanges between people, scholars and cultural bodies, and celebrate 65 years of relations in 2025.",
      theme: "Culture",
      owner: "Both governments",
      parties: BOTH,
      source: {
        document: NEWS_REPORT,
        passage: "next year, when they will celebrate the 65th anniversary of their relations",
        fromCommentary: true,
      },
      target: { date: END_2025, precision: "year", phrase: "next year" },
      updates: [],
    },
    {
      ref: "17",
      title: "Support each other's 2025 roles: Malaysia as ASEAN chair, Korea as APEC host",
      description: "Back Malaysia's chairmanship of ASEAN and Korea's hosting of APEC, both in 2025.",
      theme: "Regional and global",
      owner: "Both governments",
      parties: BOTH,
      target: { date: END_2025, precision: "year", phrase: "2025" },
      updates: [
        {
          // Dated when the second role ended: the APEC leaders' week in Gyeongju closed on 1 Nov 2025
          // (the fact sheet, corrected from 2025-10-27, the ASEAN summit).
          happenedOn: "2025-11-01",
          statusTo: "fulfilled",
          progressTo: 100,
          note: "Both roles were carried out in 2025: the leaders met at the ASEAN summit in Kuala Lumpur (26–28 October), and the APEC Economic Leaders' Meeting that Korea hosted in Gyeongju ended on 1 November.",
          evidence: [HAWK_SUMMIT],
        },
      ],
    },
  ],
};
