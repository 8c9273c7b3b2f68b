/**
 * Web sites people visit, for the browser source: each page pulls its own domains and, often, shared
 * third parties (fonts, analytics, script CDNs), which is why a page view shows several DNS queries and
 * connections. Weights are a Zipf-like popularity.
 */
import type { DomainSpec } from '../infra.js';

const d = (name: string, provider: DomainSpec['provider'], ttl = 300, pool = 4): DomainSpec => ({ name, provider, ttl, pool });

export interface Site {
  readonly weight: number;
  readonly domains: readonly DomainSpec[];
  /** Internal sites are reached at a corp address. */
  readonly internal?: { readonly name: string; readonly ip: string };
}

export const THIRD_PARTIES: readonly DomainSpec[] = [
  d('fonts.googleapis.com', 'google'),
  d('fonts.gstatic.com', 'google'),
  d('www.googletagmanager.com', 'google'),
  d('www.google-analytics.com', 'google'),
  d('cdnjs.cloudflare.com', 'cloudflare'),
  d('ajax.googleapis.com', 'google'),
  d('connect.facebook.net', 'direct'),
  d('cdn.jsdelivr.net', 'fastly'),
];

export const SITES: readonly Site[] = [
  { weight: 30, domains: [d('www.google.com', 'google', 300, 8), d('www.gstatic.com', 'google'), d('apis.google.com', 'google')] },
  { weight: 12, domains: [d('www.youtube.com', 'google', 300, 8), d('i.ytimg.com', 'google'), d('rr3---sn-4g5e6nzz.googlevideo.com', 'google', 1800, 1)] },
  { weight: 10, domains: [d('en.wikipedia.org', 'direct', 600, 2), d('upload.wikimedia.org', 'direct', 600, 2)] },
  { weight: 8, domains: [d('github.com', 'direct', 60, 2), d('github.githubassets.com', 'fastly'), d('avatars.githubusercontent.com', 'fastly')] },
  { weight: 8, domains: [d('stackoverflow.com', 'cloudflare'), d('cdn.sstatic.net', 'cloudflare')] },
  { weight: 6, domains: [d('www.linkedin.com', 'akamai'), d('static.licdn.com', 'akamai')] },
  { weight: 5, domains: [d('www.bbc.co.uk', 'akamai'), d('static.files.bbci.co.uk', 'akamai')] },
  { weight: 4, domains: [d('www.nytimes.com', 'fastly'), d('static01.nyt.com', 'fastly')] },
  { weight: 4, domains: [d('www.reuters.com', 'akamai')] },
  { weight: 7, domains: [d('learn.microsoft.com', 'akamai'), d('js.monitor.azure.com', 'azurefd')] },
  { weight: 9, domains: [d('www.office.com', 'azurefd'), d('res.cdn.office.net', 'akamai'), d('login.microsoftonline.com', 'azure', 300, 8)] },
  { weight: 5, domains: [d('www.amazon.com', 'cloudfront'), d('m.media-amazon.com', 'cloudfront')] },
  { weight: 6, domains: [d('corpexample.my.salesforce.com', 'direct', 300, 2), d('static.lightning.force.com', 'akamai')] },
  { weight: 7, domains: [d('corpexample.atlassian.net', 'cloudfront'), d('jira-frontend-bifrost.prod-east.frontend.public.atl-paas.net', 'cloudfront')] },
  { weight: 3, domains: [d('news.ycombinator.com', 'direct', 300, 1)] },
  { weight: 2, domains: [d('weather.com', 'akamai')] },
  { weight: 3, domains: [d('docs.python.org', 'fastly')] },
  { weight: 4, domains: [d('www.reddit.com', 'fastly'), d('www.redditstatic.com', 'fastly')] },
  { weight: 10, domains: [], internal: { name: 'intranet.corp.example', ip: '10.20.0.30' } },
];

/** Browser background services (excluded by the seed's browser image list). */
export const BROWSER_BACKGROUND = {
  chrome: d('safebrowsing.googleapis.com', 'google'),
  edge: d('edge.microsoft.com', 'azure'),
  firefox: d('firefox.settings.services.mozilla.com', 'cloudfront'),
} as const;
