import type { PlatformModel } from '../src/policy/types.js';
import events from './events.js';
import bankHttp from './bank-http.js';
import financial from './financial.js';
import carriers from './http.js';
import botframework from './platforms/botframework.js';
import discord from './platforms/discord.js';
import messenger from './platforms/messenger.js';
import slack from './platforms/slack.js';
import telegram from './platforms/telegram.js';
import twilio from './platforms/twilio.js';
import whatsapp from './platforms/whatsapp.js';
import propagators from './propagators.js';
import sanitizers from './sanitizers.js';
import akahu from './sdks/akahu.js';
import plaid from './sdks/plaid.js';
import stripe from './sdks/stripe.js';

/** Every messaging platform finleak models. Adding one is adding a file and a line here. */
export const platforms: PlatformModel[] = [whatsapp, messenger, slack, telegram, twilio, discord, botframework];

/** Bank-integration SDKs: their financial types and calls. Adding one is adding a file under sdks/ and a line here. */
export const sdks = [plaid, stripe, akahu];

export { bankHttp, carriers, events, financial, propagators, sanitizers };
