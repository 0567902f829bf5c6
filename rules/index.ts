import type { PlatformModel } from '../src/policy/types.js';
import events from './events.js';
import bankHttp from './bank-http.js';
import financial from './financial.js';
import carriers, { relayWords } from './http.js';
import aws from './platforms/aws.js';
import azureCommunication from './platforms/azure-communication.js';
import botframework from './platforms/botframework.js';
import botkit from './platforms/botkit.js';
import botpress from './platforms/botpress.js';
import bottender from './platforms/bottender.js';
import discord from './platforms/discord.js';
import expo from './platforms/expo.js';
import firebase from './platforms/firebase.js';
import googleChat from './platforms/google-chat.js';
import infobip from './platforms/infobip.js';
import instagram from './platforms/instagram.js';
import intercom from './platforms/intercom.js';
import line from './platforms/line.js';
import matrix from './platforms/matrix.js';
import mattermost from './platforms/mattermost.js';
import messagebird from './platforms/messagebird.js';
import messenger from './platforms/messenger.js';
import onesignal from './platforms/onesignal.js';
import plivo from './platforms/plivo.js';
import sendblue from './platforms/sendblue.js';
import sendbird from './platforms/sendbird.js';
import sinch from './platforms/sinch.js';
import slack from './platforms/slack.js';
import stream from './platforms/stream.js';
import teams from './platforms/teams.js';
import telegram from './platforms/telegram.js';
import telnyx from './platforms/telnyx.js';
import twilio from './platforms/twilio.js';
import twitter from './platforms/twitter.js';
import vercelChat from './platforms/vercel-chat.js';
import viber from './platforms/viber.js';
import vonage from './platforms/vonage.js';
import wechat from './platforms/wechat.js';
import whatsapp from './platforms/whatsapp.js';
import zendesk from './platforms/zendesk.js';
import propagators from './propagators.js';
import queues from './queues.js';
import sanitizers from './sanitizers.js';
import akahu from './sdks/akahu.js';
import plaid from './sdks/plaid.js';
import stripe from './sdks/stripe.js';

/**
 * Every messaging platform finleak models. Adding one is adding a file and a
 * line here. Order matters only where two endpoints accept the same URL: the
 * first wins (WhatsApp's `bodyHas` check runs before Messenger's).
 */
export const platforms: PlatformModel[] = [
  whatsapp, messenger, instagram, slack, telegram, twilio, discord, botframework, teams, line, viber, wechat, bottender,
  vonage, intercom, zendesk, googleChat, sendbird, stream, azureCommunication, matrix, mattermost, vercelChat, botpress,
  messagebird, infobip, sinch, plivo, telnyx, sendblue, aws, botkit, twitter, firebase, expo, onesignal,
];

/** Bank-integration SDKs: their financial types and calls. Adding one is adding a file under sdks/ and a line here. */
export const sdks = [plaid, stripe, akahu];

export { bankHttp, carriers, events, financial, propagators, queues, relayWords, sanitizers };
