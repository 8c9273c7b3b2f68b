/** Every benign source, in the fixed order that breaks ties between simultaneous events. */
import type { BenignSource } from '../source.js';
import { bootSource } from './boot.js';
import { ntpSource } from './ntp.js';
import { ncsiSource, diagTrackSource, groupPolicySource } from './os-services.js';
import { rdpInboundSource } from './rdp-inbound.js';
import { windowsUpdateSource, ctlSource } from './windows-update.js';
import { defenderUpdateSource, defenderMapsSource } from './defender.js';
import { googleUpdateSource, edgeUpdateSource } from './updaters.js';
import { datadogSource, elasticAgentSource, splunkUfSource } from './monitoring.js';
import { dropboxSource, citrixSource } from './enterprise-apps.js';
import { threatIntelCurlSource, threatIntelPowerShellSource } from './threat-intel.js';
import { teamViewerSource, anyDeskSource, screenConnectSource } from './remote-management.js';
import { teamsSource, slackSource, zoomSource, oneDriveSource } from './collaboration.js';
import { browserSource } from './browser.js';
import { outlookSource, officeAppsSource, adminToolsSource } from './office.js';

export const BENIGN_SOURCES: readonly BenignSource[] = [
  bootSource,
  ntpSource,
  ncsiSource,
  diagTrackSource,
  groupPolicySource,
  rdpInboundSource,
  windowsUpdateSource,
  ctlSource,
  defenderUpdateSource,
  defenderMapsSource,
  googleUpdateSource,
  edgeUpdateSource,
  datadogSource,
  elasticAgentSource,
  splunkUfSource,
  dropboxSource,
  citrixSource,
  threatIntelCurlSource,
  threatIntelPowerShellSource,
  teamViewerSource,
  anyDeskSource,
  screenConnectSource,
  teamsSource,
  slackSource,
  zoomSource,
  oneDriveSource,
  browserSource,
  outlookSource,
  officeAppsSource,
  adminToolsSource,
];
