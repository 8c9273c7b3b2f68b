/**
 * Names benign software really contacts (Microsoft's endpoint lists [R23][R24], vendors' documentation
 * [R30]–[R38]), with how they are fronted. Addresses come from infra.ts (198.18.0.0/15), never from the
 * real DNS.
 */
import type { DomainSpec } from '../infra.js';

const d = (name: string, provider: DomainSpec['provider'], ttl = 300, pool = 4, v6 = false): DomainSpec => ({ name, provider, ttl, pool, v6 });

export const MS = {
  wuSls: d('slscr.update.microsoft.com', 'azure', 600),
  wuFe3: d('fe3cr.delivery.mp.microsoft.com', 'azure', 600),
  wuDownload: d('7.tlu.dl.delivery.mp.microsoft.com', 'akamai', 120, 8),
  ctl: d('ctldl.windowsupdate.com', 'akamai', 3600),
  crl: d('crl.microsoft.com', 'akamai', 3600),
  defenderDefs: d('definitionupdates.microsoft.com', 'akamai', 300),
  defenderMaps: d('wdcp.microsoft.com', 'azure', 300),
  ncsi: d('www.msftconnecttest.com', 'akamai', 300),
  diagEvents: d('v10.events.data.microsoft.com', 'azure', 300, 6),
  settings: d('settings-win.data.microsoft.com', 'azure', 600),
  smartscreen: d('checkappexec.microsoft.com', 'azure', 300),
  edgeUpdate: d('msedge.api.cdp.microsoft.com', 'azure', 600),
  teamsConfig: d('config.teams.microsoft.com', 'azure', 300, 4, true),
  teamsTrouter: d('go.trouter.teams.microsoft.com', 'azure', 120, 6),
  teams: d('teams.microsoft.com', 'azurefd', 300, 4, true),
  edgeSkype: d('config.edge.skype.com', 'azure', 300),
  oneDriveUpdate: d('g.live.com', 'azure', 3600),
  oneDriveClient: d('oneclient.sfx.ms', 'akamai', 3600),
  oneDriveApi: d('skyapi.onedrive.live.com', 'azure', 300),
  oneDriveFiles: d('public.bn.files.1drv.com', 'azure', 300, 6),
  outlook: d('outlook.office365.com', 'azure', 120, 8, true),
  officeClient: d('officeclient.microsoft.com', 'azure', 600),
  nexus: d('nexusrules.officeapps.live.com', 'azure', 600),
  ecs: d('ecs.office.com', 'azurefd', 300),
  psGallery: d('www.powershellgallery.com', 'azurefd', 300),
} as const;

export const VENDOR = {
  googleUpdate: d('update.googleapis.com', 'google', 300),
  datadog: d('7-59-0-app.agent.datadoghq.com', 'direct', 60, 6),
  datadogProcess: d('process.datadoghq.com', 'direct', 60, 4),
  elasticFleet: d('c2a94e7d13f04b52.fleet.westeurope.azure.elastic-cloud.com', 'azure', 60, 2),
  dropboxNotify: d('bolt.dropbox.com', 'direct', 300, 4),
  dropboxClient: d('client.dropbox.com', 'direct', 300, 4),
  citrix: d('corpexample.cloud.com', 'azure', 300, 2),
  urlhaus: d('urlhaus.abuse.ch', 'direct', 300, 2),
  feodo: d('feodotracker.abuse.ch', 'direct', 300, 2),
  emergingThreats: d('rules.emergingthreats.net', 'cloudflare', 300, 2),
  otx: d('otx.alienvault.com', 'aws', 60, 4),
  teamviewerMaster: d('master9.teamviewer.com', 'direct', 300, 2),
  teamviewerRouter: d('router14.teamviewer.com', 'direct', 300, 2),
  anydeskBoot: d('boot.net.anydesk.com', 'direct', 300, 4),
  anydeskRelay: d('relay-7c3e91a2.net.anydesk.com', 'direct', 300, 1),
  screenconnect: d('instance-k8w2qz-relay.screenconnect.com', 'aws', 300, 1),
  slackWss: d('wss-primary.slack.com', 'aws', 60, 6),
  slackApi: d('edgeapi.slack.com', 'cloudfront', 60, 6),
  slack: d('slack.com', 'aws', 60, 4),
  zoom: d('zoom.us', 'direct', 300, 4),
  zoomWeb: d('us05web.zoom.us', 'direct', 300, 4),
  zoomMedia: d('zoomfrn196mmr.fra.zoom.us', 'direct', 300, 1),
  github: d('api.github.com', 'direct', 60, 2),
} as const;
